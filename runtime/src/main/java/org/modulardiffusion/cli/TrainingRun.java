package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.modulardiffusion.engine.Checkpoint;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.Progress;
import org.modulardiffusion.engine.ProgressBar;
import org.modulardiffusion.report.LossPlot;
import org.modulardiffusion.report.MetricsLog;

/**
 * What a training run leaves in its output folder after every epoch: samples, a line of metrics,
 * the loss plot and, last, a checkpoint. An epoch's outputs are one unit: {@code latest} names
 * an epoch only once all of them are written, and {@link #recover} removes whatever an
 * interrupted run wrote after that, so a crash loses at most the epoch in progress, which a
 * resumed run trains again.
 *
 * <pre>
 * out/checkpoints/epoch-0003/   the checkpoint (see {@link Checkpoint}); checkpoints/latest names it
 * out/samples/epoch-0003.png    sample grid, scatter plot or .txt sentences
 * out/metrics.jsonl             one line per epoch
 * out/loss.png                  the loss of every step (since the run started or resumed), smoothed,
 *                               and the mean of each epoch
 * </pre>
 */
final class TrainingRun implements Progress {
  private static final Pattern SAMPLE = Pattern.compile("epoch-(\\d{4,})\\..*");
  /** The temporary files this run's writers make: the target's name, a random number, .tmp. */
  private static final Pattern TEMPORARY =
      Pattern.compile("(loss\\.png|metrics\\.jsonl|probe|epoch-\\d{4,}\\.\\w+)\\.\\d+\\.tmp");
  private final Path out;
  private final String config;
  private final ProgressBar bar;
  private final MetricsLog metrics;
  private final List<Float> losses = new ArrayList<>();
  private final List<Float> stepLosses = new ArrayList<>();
  private final List<Float> stepRates = new ArrayList<>();
  private int stepsPerEpoch;
  private Model<?> model;
  private long epochStart = System.nanoTime();
  private long stepsAtStart;

  TrainingRun(Path out, String config, int lastEpoch) {
    this.out = out;
    this.config = config;
    this.bar = ProgressBar.console(lastEpoch);
    this.metrics = new MetricsLog(out.resolve("metrics.jsonl"));
  }

  /** The model this run trains; set before training starts. */
  void attach(Model<?> model, List<Float> earlierLosses) {
    this.model = model;
    this.losses.addAll(earlierLosses);
    this.stepsAtStart = model.step();
  }

  /** Checks, before anything else is done, that the output folder can be made and written. */
  void checkWritable() throws IOException {
    try {
      Files.createDirectories(out);
      Files.delete(Files.createTempFile(out, "probe.", ".tmp"));
    } catch (IOException e) {
      throw new IOException("cannot write the outputs to " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes the output folder hold exactly the outputs of the epochs up to {@code epoch}, the
   * latest checkpoint's (0 for none), before training starts: removes the temporary files and
   * directories an interrupted run left (only names this run's writers make: the folder may hold
   * the user's own files) and the samples and metrics lines of later epochs.
   */
  void recover(int epoch) throws IOException {
    Checkpoint.clean(checkpoints());
    metrics.keepEpochs(epoch);
    for (Path folder : List.of(out, samples())) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (TEMPORARY.matcher(file.getFileName().toString()).matches()
              || folder.equals(samples()) && laterEpoch(file, epoch)) {
            Files.delete(file);
          }
        }
      }
    }
  }

  private static boolean laterEpoch(Path file, int epoch) {
    Matcher name = SAMPLE.matcher(file.getFileName().toString());
    return name.matches() && Integer.parseInt(name.group(1)) > epoch;
  }

  private Path samples() {
    return out.resolve("samples");
  }

  /** The checkpoints' root folder. */
  Path checkpoints() {
    return out.resolve("checkpoints");
  }

  @Override
  public void step(int epoch, int step, int steps, float loss, double learningRate) {
    bar.step(epoch, step, steps, loss, learningRate);
    stepLosses.add(loss);
    stepRates.add((float) learningRate);
    stepsPerEpoch = steps;
  }

  /** Draws the epoch's samples, with the moving average of the weights when the model keeps one. */
  private Path samplesOfEpoch(int epoch) throws IOException {
    long[] labels = Samples.defaultLabels(model);
    Path base = samples().resolve(String.format("epoch-%04d", epoch));
    try (Model.AveragedWeights averaged = model.hasAveragedWeights() ? model.averagedWeights() : null) {
      return Samples.write(model, model.sampler(), labels, Samples.defaultBatch(model, labels), base, false).get(0);
    }
  }

  @Override
  public void epoch(int epoch, float meanLoss) {
    bar.epoch(epoch, meanLoss);
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    long steps = model.step() - stepsAtStart;
    losses.add(meanLoss);
    try {
      Path samples = samplesOfEpoch(epoch);
      LossPlot.write(stepLosses, stepRates, stepsPerEpoch, losses, out.resolve("loss.png"));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("epoch", epoch);
      line.put("loss", meanLoss);
      line.put("steps", model.step());
      line.put("seconds", Math.round(seconds * 10) / 10.0);
      line.put("steps_per_second", Math.round(steps / seconds * 100) / 100.0);
      line.put("lr", (float) model.learningRate());
      if (!Double.isNaN(model.gradientNorm())) {
        line.put("grad_norm", (float) model.gradientNorm());
      }
      line.put("samples", out.relativize(samples).toString());
      metrics.append(line);
      Checkpoint.write(checkpoints(), model, config);
      System.err.println("epoch " + epoch + ": wrote " + out.relativize(samples) + " and a checkpoint");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the outputs of epoch " + epoch + " to " + out + ": " + e.getMessage(), e);
    }
    stepsAtStart = model.step();
    epochStart = System.nanoTime();
  }
}

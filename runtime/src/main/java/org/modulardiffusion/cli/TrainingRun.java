package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modulardiffusion.engine.Checkpoint;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.Progress;
import org.modulardiffusion.engine.ProgressBar;
import org.modulardiffusion.report.LossPlot;
import org.modulardiffusion.report.MetricsLog;

/**
 * What a training run leaves in its output folder after every epoch: a checkpoint, samples, a
 * line of metrics and the loss plot. Everything an epoch writes is complete before the next
 * begins, so an interrupted run loses at most the epoch in progress.
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
  private final Path out;
  private final String config;
  private final ProgressBar bar;
  private final MetricsLog metrics;
  private final List<Float> losses = new ArrayList<>();
  private final List<Float> stepLosses = new ArrayList<>();
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

  /** The checkpoints' root folder. */
  Path checkpoints() {
    return out.resolve("checkpoints");
  }

  @Override
  public void step(int epoch, int step, int steps, float loss) {
    bar.step(epoch, step, steps, loss);
    stepLosses.add(loss);
    stepsPerEpoch = steps;
  }

  @Override
  public void epoch(int epoch, float meanLoss) {
    bar.epoch(epoch, meanLoss);
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    long steps = model.step() - stepsAtStart;
    losses.add(meanLoss);
    try {
      Checkpoint.write(checkpoints(), model, config);
      Path samples = Samples.write(model, model.sampler(), Samples.defaultLabels(model),
          Samples.defaultBatch(model, Samples.defaultLabels(model)),
          out.resolve("samples").resolve(String.format("epoch-%04d", epoch)), false).get(0);
      LossPlot.write(stepLosses, stepsPerEpoch, losses, out.resolve("loss.png"));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("epoch", epoch);
      line.put("loss", meanLoss);
      line.put("steps", model.step());
      line.put("seconds", Math.round(seconds * 10) / 10.0);
      line.put("steps_per_second", Math.round(steps / seconds * 100) / 100.0);
      line.put("samples", out.relativize(samples).toString());
      metrics.append(line);
      System.err.println("epoch " + epoch + ": wrote " + out.relativize(samples) + " and a checkpoint");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the outputs of epoch " + epoch + " to " + out, e);
    }
    stepsAtStart = model.step();
    epochStart = System.nanoTime();
  }
}

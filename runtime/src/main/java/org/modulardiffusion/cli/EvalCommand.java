package org.modulardiffusion.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.eval.Evaluable;
import org.modulardiffusion.eval.Evaluation;
import org.modulardiffusion.eval.SampleSource;
import org.modulardiffusion.progress.SamplingBar;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.report.MetricsLog;
import org.modulardiffusion.train.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code diffusion eval}: measures the samples of a trained model, prints the figures and appends
 * them as one line to the run's {@code metrics.jsonl} (the run folder holds {@code checkpoints/}).
 * The measuring is the data set's: one that implements {@link Evaluable} says how its samples are
 * measured (the standard ones: points against held-out data, digits by a classifier, sentences by
 * validity and diversity); for another, eval says that it has no evaluation.
 *
 * <p>Held-out data are the run's data set with seed + 1.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures a trained model's samples as its data set measures them and appends the figures to metrics.jsonl.",
      "toy2d: sliced Wasserstein and MMD; digits: classifier accuracy and spread; grammar and text: validity and"
          + " distinct-n."
    })
final class EvalCommand implements Callable<Integer> {
  /** The most samples an evaluation draws: the point measures compare every pair, hours beyond this. */
  private static final int MAX_SAMPLES = 1_000_000;

  @ParentCommand Diffusion parent;

  @Mixin CheckpointOptions from;

  @Option(
      names = "--samples",
      paramLabel = "N",
      description = "Samples drawn in all, at most 1,000,000 (default: the data set's choice, e.g. 1000 points, 100"
          + " images, 500 sentences).")
  Integer samples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "The seed of the samples' noise, each sample's its own: the same samples whatever the workers"
          + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin WorkersOption workersOption;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Where an evaluation keeps what it trains once, such as the digit classifier (default:"
          + " ~/.cache/modular-diffusion).")
  Path cache;

  @Override
  public Integer call() throws Exception {
    if (samples != null && (samples < 1 || samples > MAX_SAMPLES)) {
      throw new IllegalArgumentException(
          String.format("--samples must be between 1 and %,d, got %,d", MAX_SAMPLES, samples));
    }
    return workersOption.run(Training.DEFAULT_TIMEOUT, this::evaluate);
  }

  /**
   * Evaluates as one of {@code workers}, which share its samples; the first prints the figures and
   * appends them to the run's metrics.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void evaluate(Workers workers) throws Exception {
    boolean tells = workers.rank() == 0;
    try (RestoredModel restored = from.open(parent.registry())) {
      Model<?> model = restored.model();
      if (!(model.dataset() instanceof Evaluable evaluable)) {
        throw new IllegalArgumentException(
            "dataset: " + restored.config().node().section("dataset").get("type").asString()
                + " has no evaluation; eval measures the samples of data sets that implement "
                + Evaluable.class.getName() + ", such as toy2d, digits, grammar and text");
      }
      Sampler chosen = from.sampler(restored);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("eval", restored.checkpoint().directory().getFileName().toString());
      line.put("epoch", model.epoch());
      line.put("sampler", chosen.toString());
      line.put("sampling_steps", Samples.stepsTaken(chosen, model));
      line.put("weights", restored.weights());
      long start = System.nanoTime();
      Path folder = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "modular-diffusion");
      SamplingProgress progress = tells ? SamplingBar.console(Duration.ZERO) : SamplingProgress.none();
      SampleSource source = (manager, labels, perLabel, guidance) -> SharedSamples.trajectory(
          manager, model, chosen, guidance, labels, perLabel, model.steps(), progress, seed, workers);
      PrintStream out = tells ? System.out : new PrintStream(OutputStream.nullOutputStream());
      line.putAll(evaluable.evaluate(new Evaluation(model, chosen, source, samples == null ? 0 : samples,
          count -> heldOut(restored, count), folder, out)));
      line.put("eval_seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
      if (!tells) {
        return;
      }
      line.forEach((key, value) -> System.out.println(key + ": " + format(value)));
      Path run = restored.checkpoint().directory().toAbsolutePath().getParent().getParent();
      MetricsLog log = new MetricsLog(run.resolve("metrics.jsonl"));
      log.append(line);
      System.err.println("appended the figures to " + log.path());
    }
  }

  /** The run's data set drawn again with seed + 1: {@code count} examples it was not trained on. */
  private static Dataset heldOut(RestoredModel restored, int count) {
    RunConfig copy = RunConfig.parse(restored.config().source(), restored.config().yaml());
    ConfigNode dataset = copy.node().section("dataset");
    long seed = dataset.has("seed") ? dataset.get("seed").asLong() : 0;
    copy.with("dataset", "seed", seed + 1).with("dataset", "count", count);
    return restored.registry().bind(ModuleKind.DATASET, Dataset.class, copy.node().section("dataset"));
  }

  private static String format(Object value) {
    if (value instanceof Double number) {
      return String.format(Locale.ROOT, "%.5g", number);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder();
      map.forEach((key, v) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(": ").append(format(v)));
      return text.toString();
    }
    return String.valueOf(value);
  }
}

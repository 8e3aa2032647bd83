package org.modulardiffusion.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.TextDataset;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.eval.DigitClassifier;
import org.modulardiffusion.eval.ImageEvaluation;
import org.modulardiffusion.eval.PointEvaluation;
import org.modulardiffusion.eval.TextEvaluation;
import org.modulardiffusion.report.MetricsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code diffusion eval}: measures the samples of a trained model, prints the figures and appends
 * them as one line to the run's {@code metrics.jsonl} (the run folder holds {@code checkpoints/}).
 * Points: SW₁ and MMD² to held-out data, between a floor (data) and a ceiling (noise). Digits: a
 * classifier's accuracy on the samples of each label, and their spread, with the model's guidance
 * and without. Text: the share of valid sentences and distinct-1 and -2.
 *
 * <p>Held-out data are the run's data set with seed + 1; the digit classifier is trained once per
 * image size and kept in the cache folder.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measures a trained model's samples against held-out data and appends the figures to metrics.jsonl.",
      "toy2d: sliced Wasserstein and MMD; digits: classifier accuracy and spread; text: validity and distinct-n."
    })
final class EvalCommand implements Callable<Integer> {
  private static final int POINTS = 1000;
  private static final int IMAGES = 100;
  private static final int SENTENCES = 500;
  private static final int REFERENCE = 1000;

  @ParentCommand Diffusion parent;

  @Mixin CheckpointOptions from;

  @Option(
      names = "--samples",
      paramLabel = "N",
      description = "Samples drawn in all (default: " + POINTS + " points, " + IMAGES + " images, " + SENTENCES + " sentences).")
  Integer samples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "The seed of the sampling noise (default: ${DEFAULT-VALUE}).")
  int seed;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Where the digit classifier is kept (default: ~/.cache/modular-diffusion).")
  Path cache;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Integer call() throws Exception {
    try (RestoredModel restored = from.open(parent.plugins)) {
      Model model = restored.model();
      Sampler chosen = from.sampler(restored);
      Engine.getInstance().setRandomSeed(seed);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("eval", restored.checkpoint().directory().getFileName().toString());
      line.put("epoch", model.epoch());
      line.put("sampler", chosen.toString());
      long start = System.nanoTime();
      switch (Samples.form(model)) {
        case POINTS -> line.putAll(points(restored, model, chosen));
        case IMAGES -> line.putAll(digits(restored, model, chosen));
        case TEXT -> line.putAll(text(model, chosen));
      }
      line.put("eval_seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
      line.forEach((key, value) -> System.out.println(key + ": " + format(value)));
      Path run = restored.checkpoint().directory().toAbsolutePath().getParent().getParent();
      MetricsLog log = new MetricsLog(run.resolve("metrics.jsonl"));
      log.append(line);
      System.err.println("appended the figures to " + log.path());
    }
    return 0;
  }

  private Map<String, Object> points(RestoredModel restored, Model model, Sampler chosen) {
    long[] labels = Samples.defaultLabels(model);
    int count = samples == null ? POINTS : samples;
    int perLabel = Math.max(1, count / Math.max(1, labels.length));
    Dataset heldOut = heldOut(restored, 2 * perLabel * Math.max(1, labels.length));
    return PointEvaluation.measure(model, chosen, labels, perLabel, heldOut).metrics();
  }

  private Map<String, Object> digits(RestoredModel restored, Model<?> model, Sampler chosen) throws IOException {
    String type = restored.config().node().section("dataset").get("type").asString();
    if (!type.equals("digits")) {
      throw new IllegalArgumentException(
          "eval measures images of the digits data set, whose classifier it has; this run's data set is " + type);
    }
    int size = Math.toIntExact(model.exampleShape().get(2));
    Path folder = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "modular-diffusion");
    long[] labels = LongStream.rangeClosed(1, 10).toArray();
    int perLabel = Math.max(1, (samples == null ? IMAGES : samples) / labels.length);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("samples", perLabel * labels.length);
    try (DigitClassifier classifier = DigitClassifier.cached(folder, size, (s, count, seed) -> digits(restored, s, count, seed))) {
      Dataset heldOut = heldOut(restored, REFERENCE);
      metrics.put("classifier_accuracy", classifier.accuracy(heldOut));
      metrics.put("data_spread", ImageEvaluation.spreadOf(heldOut, REFERENCE));
      metrics.putAll(ImageEvaluation.measure(model, chosen, model.guidance(), labels, perLabel, classifier).metrics(""));
      metrics.put("guidance", model.guidance().toString());
      metrics.putAll(ImageEvaluation.measure(model, chosen, Guidance.none(), labels, perLabel, classifier).metrics("_unguided"));
    }
    return metrics;
  }

  private Map<String, Object> text(Model model, Sampler chosen) {
    TextDataset data = (TextDataset) model.dataset();
    TextEvaluation result = TextEvaluation.measure(model, chosen, samples == null ? SENTENCES : samples, data);
    result.sentences().stream().limit(5).forEach(sentence -> System.out.println("  \"" + sentence + "\""));
    Map<String, Object> metrics = result.metrics();
    TextEvaluation reference = TextEvaluation.ofData(data, result.sentences().size());
    metrics.put("data_distinct_1", reference.distinct(1));
    metrics.put("data_distinct_2", reference.distinct(2));
    return metrics;
  }

  /** The run's data set drawn again with seed + 1: {@code count} examples it was not trained on. */
  private static Dataset heldOut(RestoredModel restored, int count) {
    RunConfig copy = RunConfig.parse(restored.config().source(), restored.config().yaml());
    ConfigNode dataset = copy.node().section("dataset");
    long seed = dataset.has("seed") ? dataset.get("seed").asLong() : 0;
    copy.with("dataset", "seed", seed + 1).with("dataset", "count", count);
    return restored.registry().bind(ModuleKind.DATASET, Dataset.class, copy.node().section("dataset"));
  }

  /** The digits data set of this size, count and seed, bound like a config's {@code dataset} section. */
  private static Dataset digits(RestoredModel restored, int size, int count, long seed) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("type", "digits");
    section.put("size", size);
    section.put("count", count);
    section.put("seed", seed);
    return restored.registry().bind(ModuleKind.DATASET, Dataset.class, ConfigNode.of("digit classifier data", section));
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

package org.modulardiffusion.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.cli.CommandRunner;
import org.modulardiffusion.cli.ToyConfig;

/** {@code diffusion eval} on tiny checkpoints, as a user runs it after {@code diffusion train}. */
class EvalCommandTest {
  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();

  private int run(String... args) {
    return diffusion.run(args);
  }

  /** Trains {@code yaml} for one epoch into a run folder and returns it. */
  private Path trained(String yaml) throws IOException {
    Path config = Files.writeString(folder.resolve("config.yaml"), yaml);
    Path run = folder.resolve("run");
    assertEquals(0, run("train", "--config", config.toString(), "--out", run.toString()), diffusion.stderr());
    return run;
  }

  /** The last line of the run's metrics log. */
  private static JsonObject lastMetrics(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
  }

  @Test
  void evalOfAToyCheckpointPrintsAndLogsTheDistancesBetweenFloorAndCeiling() throws IOException {
    Path run = trained(ToyConfig.YAML);
    Path checkpoint = run.resolve("checkpoints/epoch-0001");
    assertEquals(
        0,
        run("eval", "--checkpoint", checkpoint.toString(), "--samples", "80", "--sampler", "ddim", "--steps", "5"),
        diffusion.stderr());
    String printed = diffusion.stdout();
    assertTrue(printed.contains("sampler: DDIM(0.0, 5, clip to the data's bound)"), printed);
    assertTrue(diffusion.stderr().contains("sampling [" + "#".repeat(30) + "] 5/5  "), diffusion.stderr());
    assertTrue(printed.contains("sw_ratio: "), printed);

    JsonObject metrics = lastMetrics(run);
    assertEquals("epoch-0001", metrics.get("eval").getAsString());
    assertEquals(1, metrics.get("epoch").getAsInt());
    assertEquals("raw", metrics.get("weights").getAsString(), "the run kept no moving average");
    assertEquals(5, metrics.get("sampling_steps").getAsInt());
    assertEquals(80, metrics.get("samples").getAsInt()); // 8 labels, 10 each
    double floor = metrics.get("sw_floor").getAsDouble();
    double ceiling = metrics.get("sw_ceiling").getAsDouble();
    // The floor compares two draws of 80 points of one distribution, the ceiling N(0, I) with
    // eight gaussians on a circle of radius 2: the ceiling is the larger.
    assertTrue(0 < floor && floor < ceiling, floor + " and " + ceiling);
    assertEquals(
        (metrics.get("sw").getAsDouble() - floor) / (ceiling - floor), metrics.get("sw_ratio").getAsDouble(), 1e-9);
    assertTrue(metrics.has("mmd_ratio"), metrics.toString());
  }

  @Test
  void evalOfADigitsCheckpointMeasuresAccuracySpreadAndFrechetDistanceWithAndWithoutGuidance() throws IOException {
    Path run = trained("""
        dataset:  {type: digits, size: 8, count: 64, seed: 3}
        schedule: {type: cosine, steps: 10}
        noise:    {type: gaussian, parameter: epsilon}
        net:      {type: mlp, labels: 10, width: 32, depth: 2}
        loss:     {type: simple, parameter: epsilon}
        guidance: {type: classifier-free, dropout: 0.2, strength: 1}
        train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 1}
        """);
    Path cache = folder.resolve("cache");
    assertEquals(
        0,
        run("eval", "--checkpoint", run.toString(), "--samples", "20", "--cache", cache.toString()),
        diffusion.stderr());
    JsonObject metrics = lastMetrics(run);
    assertEquals(20, metrics.get("samples").getAsInt());
    assertEquals("ClassifierFree(0.2, 1.0)", metrics.get("guidance").getAsString());
    for (String key : List.of("classifier_accuracy", "accuracy", "accuracy_unguided")) {
      double value = metrics.get(key).getAsDouble();
      assertTrue(value >= 0 && value <= 1, key + " " + value);
    }
    // Two samples of each of ten labels: every label has one pair, so a spread.
    assertEquals(10, metrics.getAsJsonObject("spread_by_label").size());
    assertTrue(metrics.get("spread_unguided").getAsDouble() > 0, metrics.toString());
    // The Fréchet distances in the classifier's features: the floor compares 20 held-out digits
    // with 500 others; the samples of a model trained one epoch on 64 digits are farther.
    double floor = metrics.get("fd_floor").getAsDouble();
    for (String key : List.of("fd", "fd_unguided")) {
      double value = metrics.get(key).getAsDouble();
      assertTrue(0 < floor && floor < value, key + " " + value + ", floor " + floor);
    }
    assertTrue(diffusion.stdout().contains("fd_floor: "), diffusion.stdout());
    try (var files = Files.list(cache)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("digit-classifier-8-")));
    }
  }

  @Test
  void evalOfAnUnconditionalDigitsCheckpointSaysWhichDigitsItDrawsNotHowManyAreRight() throws IOException {
    Path run = trained("""
        dataset:  {type: digits, size: 8, count: 64, seed: 3}
        schedule: {type: cosine, steps: 10}
        noise:    {type: gaussian, parameter: v}
        net:      {type: mlp, width: 32, depth: 2}
        loss:     {type: simple, parameter: v}
        train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 1}
        """);
    assertEquals(
        0,
        run("eval", "--checkpoint", run.toString(), "--samples", "20", "--cache", folder.resolve("cache").toString()),
        diffusion.stderr());
    JsonObject metrics = lastMetrics(run);
    // The net reads no labels: no sample is right or wrong, and guided and unguided are one.
    for (String key : List.of("accuracy", "accuracy_unguided", "fd_unguided", "guidance")) {
      assertFalse(metrics.has(key), key + " in " + metrics);
    }
    // The share of the 20 samples read as each digit: multiples of 1/20 that add up to 1.
    JsonObject read = metrics.getAsJsonObject("read_by_label");
    assertEquals(10, read.size());
    double total = 0;
    for (String label : read.keySet()) {
      double share = read.get(label).getAsDouble();
      assertEquals(Math.round(share * 20) / 20.0, share, 1e-9, label + ": " + read);
      total += share;
    }
    assertEquals(1, total, 1e-9);
    double floor = metrics.get("fd_floor").getAsDouble();
    assertTrue(0 < floor && floor < metrics.get("fd").getAsDouble(), metrics.toString());
  }

  private static final String POINTS_MODEL = """
      schedule: {type: cosine, steps: 10}
      noise:    {type: gaussian, parameter: epsilon}
      net:      {type: mlp, width: 16, depth: 2}
      loss:     {type: simple, parameter: epsilon}
      train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 1}
      """;

  @Test
  void evalAsksTheDataSetOfAPluginToMeasureTheSamples() throws IOException {
    Path run = trained("dataset:  {type: ring, count: 64, seed: 7}\n" + POINTS_MODEL);
    assertEquals(0, run("eval", "--checkpoint", run.toString(), "--samples", "30"), diffusion.stderr());
    assertTrue(diffusion.stdout().contains("the ring measured"), diffusion.stdout());
    JsonObject metrics = lastMetrics(run);
    assertEquals(30, metrics.get("ring_samples").getAsInt());
    // Held-out data: the run's data set again, with the count asked for and seed 7 + 1.
    assertEquals(5, metrics.get("held_out_size").getAsInt());
    assertEquals(8, metrics.get("held_out_seed").getAsLong());
  }

  @Test
  void evalSaysSoOfADataSetWithoutAnEvaluation() throws IOException {
    Path run = trained("dataset:  {type: square, count: 64}\n" + POINTS_MODEL);
    assertEquals(2, run("eval", "--checkpoint", run.toString()));
    assertEquals(
        "error: dataset: square has no evaluation; eval measures the samples of data sets that implement"
            + " org.modulardiffusion.eval.Evaluable, such as toy2d, digits, grammar and text\n",
        diffusion.stderr());
  }
}

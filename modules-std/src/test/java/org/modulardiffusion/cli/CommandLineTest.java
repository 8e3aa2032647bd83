package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.device.GpuAdvice;
import org.modulardiffusion.distributed.Collective;
import org.modulardiffusion.report.ChartSupport;

/** The {@code diffusion} commands on a tiny toy config, as a user runs them. */
class CommandLineTest {
  private static final String TOY = ToyConfig.YAML;

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();
  private Path config;

  @BeforeEach
  void writeConfig() throws IOException {
    config = Files.writeString(folder.resolve("toy.yaml"), TOY);
  }

  private int run(String... args) {
    return diffusion.run(args);
  }

  private String stdout() {
    return diffusion.stdout();
  }

  private String stderr() {
    return diffusion.stderr();
  }

  @Test
  void trainWritesCheckpointsSamplesMetricsAndPlotAndResumes() throws IOException {
    Path run = folder.resolve("run");
    assertEquals(0, run("train", "--config", config.toString(), "--out", run.toString()), stderr());
    assertTrue(Files.isDirectory(run.resolve("checkpoints/epoch-0001")));
    assertEquals("epoch-0001", Files.readString(run.resolve("checkpoints/latest")));
    assertEquals(480, ImageIO.read(run.resolve("samples/epoch-0001.png").toFile()).getWidth());
    assertTrue(Files.isRegularFile(run.resolve("loss.png")));
    List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(1, metrics.size());
    JsonObject first = JsonParser.parseString(metrics.get(0)).getAsJsonObject();
    assertEquals(1, first.get("epoch").getAsInt());
    assertEquals(2, first.get("steps").getAsInt()); // 64 points in batches of 32
    assertEquals(1e-3, first.get("lr").getAsDouble(), 1e-9);

    assertEquals(2, run("train", "--config", config.toString(), "--out", run.toString()));
    assertTrue(stderr().contains("holds a run already; use --resume"), stderr());

    assertEquals(0, run("train", "--resume", "--epochs", "2", "--out", run.toString()), stderr());
    assertTrue(stderr().contains("after epoch 1"), stderr());
    assertEquals("epoch-0002", Files.readString(run.resolve("checkpoints/latest")));
    List<String> resumed = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(2, resumed.size());
    assertEquals(4, JsonParser.parseString(resumed.get(1)).getAsJsonObject().get("steps").getAsInt());

    Path samples = folder.resolve("points.png");
    assertEquals(
        0,
        run("sample", "--checkpoint", run.toString(), "--sampler", "ddim", "--steps", "5",
            "--labels", "1,2", "--batch", "3", "--out", samples.toString()),
        stderr());
    assertTrue(Files.isRegularFile(folder.resolve("points.png")), stderr());
    assertFalse(Files.exists(folder.resolve("points.png.png")), stderr());
    assertTrue(stderr().contains(" with DDIM(0.0, 5, clip to the data's bound) in 5 steps, "), stderr());
    // The progress, to the last step.
    assertTrue(stderr().contains("\nsampling [" + "#".repeat(30) + "] 5/5  "), stderr());
    assertNumpyArraysOfSixPoints(folder.resolve("points.npz"));

    // The toy model has T = 10: DDIM cannot take more steps than that, and says so.
    assertEquals(0, run("sample", "--checkpoint", run.toString(), "--steps", "100000", "--out", samples.toString()));
    assertTrue(stderr().startsWith("warning: --steps 100,000: the model has 10 diffusion steps, so DDIM(0.0, 100000, clip to"
        + " the data's bound) takes 10\n"), stderr());
    assertTrue(stderr().contains(" with DDIM(0.0, 100000, clip to the data's bound) in 10 steps, "), stderr());
  }

  @Test
  void aRunGoesOnWithSmallerBatchesThatMakeUpTheSameSteps() throws IOException {
    Path run = folder.resolve("run");
    assertEquals(0, run("train", "--config", config.toString(), "--out", run.toString()), stderr());

    assertEquals(2, run("train", "--resume", "--epochs", "2", "--batch", "24", "--out", run.toString()));
    assertEquals("error: --batch: a batch of 24 does not divide the 32 examples of an optimizer step"
        + " (train.batch 32 × train.accumulate 1); the nearest that do are 16 and 32\n", stderr());
    assertEquals("epoch-0001", Files.readString(run.resolve("checkpoints/latest")));

    assertEquals(0, run("train", "--resume", "--epochs", "2", "--batch", "8", "--out", run.toString()), stderr());
    String recorded = Files.readString(run.resolve("checkpoints/epoch-0002/config.yaml"));
    assertTrue(recorded.contains("batch: 8") && recorded.contains("accumulate: 4"), recorded);
    List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
    // 64 points make 2 steps an epoch either way: batches of 32, or of 8 in fours.
    assertEquals(4, JsonParser.parseString(metrics.get(1)).getAsJsonObject().get("steps").getAsInt());
  }

  @Test
  void aRunWithAMovingAverageSamplesFromItAndReportsItsGradientNorm() throws IOException {
    Path ema = Files.writeString(folder.resolve("ema.yaml"),
        TOY.replace("seed: 1}", "seed: 1, ema: 0.9, clip: 1, warmup: 1, decay: cosine}"));
    Path run = folder.resolve("ema");
    assertEquals(0, run("train", "--config", ema.toString(), "--out", run.toString()), stderr());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/epoch-0001/average.params")));
    JsonObject line = JsonParser.parseString(Files.readAllLines(run.resolve("metrics.jsonl")).get(0)).getAsJsonObject();
    // Two steps: the warmup's one reaches the peak; the cosine ends the run's last on its floor, 0.
    assertEquals(0, line.get("lr").getAsDouble(), 1e-12);
    assertTrue(line.get("grad_norm").getAsDouble() > 0, line.toString());
    for (String weights : List.of("ema", "raw")) {
      assertEquals(0, run("sample", "--checkpoint", run.toString(), "--weights", weights, "--out",
          folder.resolve(weights).toString()), stderr());
    }
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--weights", "best"));
    assertEquals("error: --weights: expected raw or ema, got \"best\"\n", stderr());
  }

  @Test
  void everyTrainingOptionAtOnceTrainsResumesAndSamples() throws IOException {
    // Batches of 16 accumulated in pairs: 64 points make 2 optimizer steps an epoch, 4 in the run.
    // The rate warms up in step 1 to 1e-3, then falls along a line to half of it at step 4:
    // 1e-3, 1e-3 · (0.5 + 0.5 · 2/3), 1e-3 · (0.5 + 0.5 · 1/3), 5e-4.
    Path all = Files.writeString(folder.resolve("all.yaml"), TOY.replace("train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 1}",
        "train: {epochs: 1, batch: 16, accumulate: 2, lr: 1e-3, warmup: 1, decay: linear, floor: 0.5,"
            + " weight_decay: 0.01, clip: 1, ema: 0.9, divergence: 1e3, seed: 1, device: cpu}"));
    Path run = folder.resolve("all");
    assertEquals(0, run("train", "--config", all.toString(), "--out", run.toString(), "--epochs", "2"), stderr());
    assertEquals(0, run("train", "--resume", "--out", run.toString(), "--epochs", "3"), stderr());
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertEquals(3, lines.size());
    double[] rates = {1e-3 * (0.5 + 0.5 * 2 / 3.0), 5e-4, 5e-4};
    for (int i = 0; i < 3; i++) {
      JsonObject line = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      assertEquals(2 * (i + 1), line.get("steps").getAsInt(), line.toString());
      assertEquals(rates[i], line.get("lr").getAsDouble(), 1e-9, line.toString());
      assertTrue(line.get("grad_norm").getAsDouble() > 0, line.toString());
    }
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/epoch-0003/average.params")));
    assertEquals(0, run("sample", "--checkpoint", run.toString(), "--out", folder.resolve("s").toString()), stderr());
    assertTrue(Files.isRegularFile(folder.resolve("s.npz")));
  }

  @Test
  void aRunWithoutAMovingAverageRefusesToSampleFromOne() throws IOException {
    Path run = folder.resolve("plain");
    assertEquals(0, run("train", "--config", config.toString(), "--out", run.toString()), stderr());
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--weights", "ema"));
    assertTrue(stderr().startsWith("error: --weights ema: the run of ") && stderr().endsWith(
        " kept no moving average of its weights (train.ema)\n"), stderr());
  }

  @Test
  void sampleAndEvalRefuseNumbersOutOfRangeInOneLine() throws IOException {
    Path run = folder.resolve("plain");
    assertEquals(0, run("train", "--config", config.toString(), "--out", run.toString()), stderr());
    // The gaussians have eight labels, 1 to 8.
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--labels", "1,9"));
    assertEquals("error: label 9 is not one of the data set's, 1 to 8 (0 is none)\n", stderr());
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--labels", "-1"));
    assertEquals("error: label -1 is not one of the data set's, 1 to 8 (0 is none)\n", stderr());
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--batch", "0"));
    assertEquals("error: --batch must be at least 1, got 0\n", stderr());
    assertEquals(2, run("eval", "--checkpoint", run.toString(), "--samples", "2000000000"));
    assertEquals(String.format("error: --samples must be between 1 and %,d, got %,d%n", 1_000_000, 2_000_000_000),
        stderr());
    // More at once than the memory holds: refused before sampling, with the trajectory's share
    // (the noise and the final samples, 2 floats each, and their stacked copy) in GiB.
    int batch = Integer.MAX_VALUE / 2;
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--labels", "1,2", "--batch", String.valueOf(batch)));
    assertTrue(stderr().startsWith(String.format("error: sampling %,d examples at once would need about ", 2L * batch))
        && stderr().contains(String.format(" and %,.1f for the 2 positions of their trajectory; more than the ",
            2.0 * 2 * (2L * batch) * 2 * Float.BYTES / (1L << 30)))
        && stderr().endsWith(" GiB available on this machine; sample fewer at a time\n"), stderr());
  }

  @Test
  void aCheckpointTrainedOnAGpuSamplesWhereItIsOpened() throws Exception {
    Path run = folder.resolve("plain");
    assertEquals(0, run("train", "--config", config.toString(), "--out", run.toString()), stderr());
    // As a run trained with --device gpu writes it: train.device: gpu in its config, under its checksum.
    Path checkpoint = run.resolve("checkpoints/epoch-0001");
    Path yaml = checkpoint.resolve("config.yaml");
    String trained = Files.readString(yaml);
    String onGpu = trained.replaceFirst("(?m)^(train: \\{.*)}$", "$1, device: gpu}");
    assertTrue(onGpu.contains("device: gpu}"), onGpu);
    Files.writeString(yaml, onGpu);
    Path checksums = checkpoint.resolve("checksums");
    Files.writeString(checksums, Files.readString(checksums).replace(sha256(trained), sha256(onGpu)));

    assertEquals(0, run("sample", "--checkpoint", run.toString(), "--out", folder.resolve("s").toString()), stderr());
    assertTrue(Files.isRegularFile(folder.resolve("s.npz")));
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--device", "gpu"));
    assertTrue(stderr().startsWith("error: train.device: device gpu: no GPU is visible to DJL"), stderr());
    // Resumed, the run asks for its GPU again; on the CPU natives jar that needs the command line's word.
    assertEquals(2, run("train", "--resume", "--epochs", "2", "--out", run.toString()));
    assertTrue(stderr().endsWith("error: train.device: device gpu: no GPU is visible to DJL, which runs the CPU"
        + " natives jar: ./diffusion loads that unless a GPU is asked for, by DIFFUSION_DEVICE=gpu before the command"
        + " or --device gpu after train, sample or eval; or use cpu or auto\n"), stderr());
    assertEquals("epoch-0001", Files.readString(run.resolve("checkpoints/latest")));
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The .npz holds the 6 final points [6, 2] as float32 and their labels, 1 1 1 2 2 2, as int64. */
  private static void assertNumpyArraysOfSixPoints(Path npz) throws IOException {
    Map<String, NumpyFile.Array> arrays = NumpyFile.readNpz(npz);
    assertEquals(Set.of("samples", "labels"), arrays.keySet());
    NumpyFile.Array points = arrays.get("samples");
    assertEquals("<f4", points.dtype());
    assertArrayEquals(new long[] {6, 2}, points.shape());
    for (float value : points.floats()) {
      assertTrue(Float.isFinite(value), Arrays.toString(points.floats()));
    }
    NumpyFile.Array labels = arrays.get("labels");
    assertEquals("<i8", labels.dtype());
    assertArrayEquals(new long[] {6}, labels.shape());
    assertArrayEquals(new long[] {1, 1, 1, 2, 2, 2}, labels.longs());
  }

  @Test
  void sampleRefusesASamplerThatDoesNotFitTheCheckpointsNoise() throws IOException {
    Path text = Files.writeString(folder.resolve("text.yaml"), String.join("\n",
        "dataset:  {type: grammar, count: 16, length: 16, seed: 0}",
        "data:     {type: one-hot, k: 77}",
        "schedule: {type: linear, steps: 10, start: 0.999, end: 0.9}",
        "noise:    {type: absorbing, k: 77, m: -1}",
        "net:      {type: softmax, net: {type: transformer, input: 77, depth: 1, width: 8, heads: 1}}",
        "loss:     {type: vlb}",
        "train:    {epochs: 1, batch: 16, seed: 0}"));
    Path run = folder.resolve("text");
    assertEquals(0, run("train", "--config", text.toString(), "--out", run.toString()), stderr());
    assertEquals(2, run("sample", "--checkpoint", run.toString(), "--sampler", "ddim", "--steps", "2"));
    assertEquals("error: sampler: sampler DDIM walks only Normal, but noise Absorbing produces Categorical; use a"
        + " Sampler<Categorical> or a generic sampler such as ancestral\n", stderr());
  }

  @Test
  void trainDrawsImagesForATransformerOnPatches() throws IOException {
    Path patches = Files.writeString(folder.resolve("patches.yaml"), String.join("\n",
        "dataset:  {type: digits, size: 8, count: 8, seed: 0}",
        "data:     {type: patches, size: 4}",
        "schedule: {type: cosine, steps: 10}",
        "noise:    {type: gaussian, parameter: epsilon}",
        "net:      {type: transformer, input: 16, labels: 10, depth: 1, width: 16, heads: 2}",
        "loss:     {type: simple, parameter: epsilon}",
        "sampler:  {type: ddim, steps: 2, clip: 1}",
        "train:    {epochs: 1, batch: 8, seed: 0}"));
    Path run = folder.resolve("patches");
    assertEquals(0, run("train", "--config", patches.toString(), "--out", run.toString()), stderr());
    // 8 digits 0..7 have labels 1..8: a row each, 8-pixel digits zoomed 8 times: 2 + 8 · (64 + 2).
    assertEquals(530, ImageIO.read(run.resolve("samples/epoch-0001.png").toFile()).getHeight());
  }

  @Test
  void theRunsOwnSamplerKeepsItsSettingsButThoseTheCommandChanges() throws IOException {
    Path run = trainedOnDigits("sampler:  {type: ddim, eta: 1, steps: 2, clip: 0.5}");
    Path out = folder.resolve("drawn");
    String[] sample = {"sample", "--checkpoint", run.toString(), "--labels", "1", "--batch", "2", "--out", out.toString()};

    assertEquals(0, run(concat(sample, "--sampler", "ddim", "--steps", "3")), stderr());
    assertTrue(stderr().contains(" with DDIM(1.0, 3, clip 0.5) in 3 steps, "), stderr());
    assertEquals(0, run(concat(sample, "--sampler", "ddim {eta: 0, clip: 0.25}")), stderr());
    assertTrue(stderr().contains(" with DDIM(0.0, 2, clip 0.25) in 2 steps, "), stderr());
    assertEquals(0, run(concat(sample, "--steps", "4")), stderr());
    assertTrue(stderr().contains(" with DDIM(1.0, 4, clip 0.5) in 4 steps, "), stderr());

    assertEquals(2, run(concat(sample, "--sampler", "ddim {eta: 0")));
    assertTrue(stderr().startsWith("error: --sampler: not valid YAML: "), stderr());
    assertEquals(2, run(concat(sample, "--sampler", "ddim {eta: -1}")));
    assertTrue(stderr().startsWith("error: --sampler.eta: "), stderr());
  }

  @Test
  void ddimByDefaultClipsItsEstimateOfImagesToTheirPixelRange() throws IOException {
    Path run = trainedOnDigits("");
    assertTrue(drawnWithSeed(run, "ddim").contains(" with DDIM(0.0, 5, clip to the data's bound) in 5 steps, "), stderr());
    byte[] byDefault = Files.readAllBytes(folder.resolve("drawn.npz"));
    drawnWithSeed(run, "ddim {clip: 1}");
    assertArrayEquals(byDefault, Files.readAllBytes(folder.resolve("drawn.npz")), "digits' pixels are in [-1, 1]");
    drawnWithSeed(run, "ddim {clip: 0}");
    assertFalse(Arrays.equals(byDefault, Files.readAllBytes(folder.resolve("drawn.npz"))), "unclipped");
  }

  /** The run folder of a tiny model trained on 8-pixel digits, with {@code sampler}, a config line, or none. */
  private Path trainedOnDigits(String sampler) throws IOException {
    Path images = Files.writeString(folder.resolve("images.yaml"), String.join("\n",
        "dataset:  {type: digits, size: 8, count: 8, seed: 0}",
        "schedule: {type: cosine, steps: 10}",
        "noise:    {type: gaussian, parameter: epsilon}",
        "net:      {type: mlp, labels: 10, width: 16, depth: 1}",
        "loss:     {type: simple, parameter: epsilon}",
        sampler,
        "train:    {epochs: 1, batch: 8, seed: 0}"));
    Path run = folder.resolve("images");
    assertEquals(0, run("train", "--config", images.toString(), "--out", run.toString()), stderr());
    return run;
  }

  /** Samples the run with {@code sampler} from the same random numbers each time; what it printed. */
  private String drawnWithSeed(Path run, String sampler) {
    assertEquals(0, run("sample", "--checkpoint", run.toString(), "--sampler", sampler, "--steps", "5", "--labels", "1",
        "--batch", "2", "--seed", "5", "--out", folder.resolve("drawn").toString()), stderr());
    return stderr();
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void validatePrintsEverySlotWithItsValues() {
    assertEquals(0, run("validate", "--config", config.toString()), stderr());
    String text = stdout();
    assertTrue(text.contains("noise: gaussian (parameter: epsilon, variance: fixed, offset: 0)"), text);
    assertTrue(text.contains("time: discrete"), text);
    assertTrue(text.contains("sampler: ancestral"), text);
    // mlp on 2-D points, 8 labels: 2 + 32 time features + 9 label columns = 43 inputs;
    // 43·16 + 16 = 704, 16·16 + 16 = 272 and 16·2 + 2 = 34 parameters: 1,010.
    assertTrue(text.contains("64 examples of shape (2), encoded (2); the net and data transform train 1,010 parameters"), text);
  }

  @Test
  void validateRunsATrainingStepAndNamesTheLossThatReturnsFloat64() throws IOException {
    Path wide = Files.writeString(folder.resolve("wide.yaml"),
        TOY.replace("loss:     {type: simple, parameter: epsilon}", "loss:     {type: wide-loss}"));
    assertEquals(2, run("validate", "--config", wide.toString()));
    assertEquals("error: loss WideLoss returns float64 of shape (); a loss must return a float32 scalar, such as"
        + " a mean\n", stderr());
  }

  @Test
  void twoPluginJarsListingOneProviderAreRefusedNamingBoth() throws IOException {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    for (String name : List.of("first.jar", "second.jar")) {
      try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve(name)))) {
        jar.putNextEntry(new JarEntry("META-INF/services/org.modulardiffusion.config.internal.ModuleProvider"));
        jar.write((NoModules.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    assertEquals(2, run("--plugins", plugins.toString(), "modules"));
    assertEquals("error: module provider " + NoModules.class.getName() + " is listed by both " + plugins.resolve("first.jar")
        + " and " + plugins.resolve("second.jar") + ", and only the first one's modules would be loaded; build one of"
        + " them again with this version's processor, which names each provider after its modules, or give it another"
        + " name with -Amodulardiffusion.provider=…\n", stderr());
  }

  @Test
  void validatePrintsTheTermsOfAHybridLoss() throws IOException {
    Path hybrid = Files.writeString(folder.resolve("hybrid.yaml"), TOY.replace(
        "loss:     {type: simple, parameter: epsilon}",
        "loss:     [{type: simple, parameter: epsilon}, {type: vlb, weight: 0.5}]"));
    assertEquals(0, run("validate", "--config", hybrid.toString()), stderr());
    assertTrue(stdout().contains(
        "loss: simple (parameter: epsilon, index: 0, gamma: 0) + 0.5 × vlb"), stdout());
  }

  @Test
  void schemaPrintsTheJsonSchemaOfTheInstalledModules() {
    assertEquals(0, run("schema"), stderr());
    JsonObject schema = JsonParser.parseString(stdout()).getAsJsonObject();
    assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").getAsString());
    List<String> noises = new ArrayList<>();
    schema.getAsJsonObject("definitions").getAsJsonObject("noise").getAsJsonArray("anyOf").forEach(module ->
        noises.add(module.getAsJsonObject().getAsJsonObject("properties").getAsJsonObject("type").get("const").getAsString()));
    // The standard noises and the test modules' Opaque, Tempered and UserNoise.
    assertEquals(List.of("absorbing", "gaussian", "opaque", "tempered", "uniform", "user-noise"), noises);
  }

  @Test
  void aBadConfigIsReportedInOneLineWithItsPath() throws IOException {
    Path bad = Files.writeString(folder.resolve("bad.yaml"), TOY.replace("parameter: epsilon}", "parameter: eps}"));
    assertEquals(2, run("validate", "--config", bad.toString()));
    assertEquals("error: noise.parameter: expected one of [x, epsilon, mu, v], got \"eps\"\n", stderr());
  }

  @Test
  void aMissingConfigFileIsNamed() {
    assertEquals(2, run("validate", "--config", folder.resolve("none.yaml").toString()));
    assertEquals("error: " + folder.resolve("none.yaml") + ": no such config file\n", stderr());
  }

  @Test
  void modulesListsTheInstalledModulesOfAKind() {
    assertEquals(0, run("modules", "sampler"), stderr());
    assertTrue(stdout().contains("sampler ancestral (org.modulardiffusion.sampler.Ancestral)"), stdout());
    assertTrue(stdout().contains("sampler ddim (org.modulardiffusion.sampler.DDIM)"), stdout());
    assertFalse(stdout().contains("schedule "), stdout());
    assertEquals(2, run("modules", "samplers"));
    assertTrue(stderr().startsWith("error: unknown kind \"samplers\"; one of [distribution, data"), stderr());
  }

  @Test
  void benchPrintsItsFiguresAsJson() {
    assertEquals(0, run("bench", "--config", config.toString(), "--steps", "2", "--batch", "4", "--rounds", "2"), stderr());
    assertTrue(stdout().contains("warm-up, median of 2 rounds of "), stdout());
    String[] lines = stdout().split("\n");
    JsonObject figures = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    assertEquals(2, figures.get("rounds").getAsInt());
    assertEquals(32, figures.get("train_batch").getAsInt());
    assertEquals(4, figures.get("sample_batch").getAsInt());
    assertTrue(figures.get("train_steps_per_s").getAsDouble() > 0);
    assertTrue(figures.get("sample_steps_per_s").getAsDouble() > 0);
    for (String speed : List.of("train_steps_per_s", "sample_steps_per_s")) {
      JsonArray range = figures.getAsJsonArray(speed + "_range");
      double median = figures.get(speed).getAsDouble();
      // Each is rounded to hundredths on its own.
      assertTrue(range.get(0).getAsDouble() <= median + 0.01 && median <= range.get(1).getAsDouble() + 0.01, range + " " + median);
    }
    assertTrue(figures.get("peak_rss_mb").getAsLong() > 0);
    assertEquals(System.getenv().getOrDefault("LD_PRELOAD", "").contains("libtcmalloc") ? "tcmalloc" : "system",
        figures.get("allocator").getAsString());
  }

  @Test
  void benchRefusesNoRounds() {
    assertEquals(2, run("bench", "--config", config.toString(), "--rounds", "0"));
    assertEquals("error: --steps, --batch and --rounds must be at least 1\n", stderr());
  }

  @Test
  void doctorSaysWhatDjlRunsOn() {
    assertEquals(0, run("doctor"), stderr());
    String pytorch = System.getProperty("modulardiffusion.pytorch");
    assertTrue(stdout().startsWith("Java          " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ")\n"), stdout());
    String flavor = System.getProperty("modulardiffusion.cuda.flavor"); // cu128: CUDA 12.8
    assertTrue(stdout().contains("\nDJL           " + System.getProperty("modulardiffusion.djl")
        + " (its pytorch-jni jar is for PyTorch " + pytorch + ", CPU and CUDA " + flavor.substring(2, 4) + "."
        + flavor.substring(4) + ")\n"), stdout());
    assertTrue(stdout().contains(", flavor cpu, from the natives jar pytorch-native-cpu-" + pytorch), stdout());
    assertTrue(stdout().contains("\nGPUs          0\n"), stdout());
    assertTrue(stdout().contains("\nthreads       intra-op " + System.getProperty("ai.djl.pytorch.num_threads") + ", "),
        stdout());
    assertTrue(stdout().contains("\noffline       yes: DJL downloads nothing\n"), stdout());
    assertTrue(stdout().contains(Collective.available()
        ? "\nworkers       several (train --workers N, or torchrun's variables): Gloo sums on the CPU; on GPUs NCCL,"
            + " where the PyTorch in use brings it, else Gloo through the host\n"
        : "\nworkers       one only: " + Collective.unavailableReason().orElseThrow() + "\n"), stdout());
    assertEquals("workers       one only: the collective library was not built\n",
        DoctorCommand.workers(Optional.of("the collective library was not built"), "on the GPUs NCCL"));
    if (!GpuAdvice.nvidiaDriver()) {
      assertTrue(stdout().contains("\ndriver        none found (libcuda.so.1)\n"), stdout());
    }
    assertTrue(stdout().contains("\ncheck         a matrix product, a convolution and its backward pass ran on cpu()\n"),
        stdout());
    String preloaded = System.getenv().getOrDefault("LD_PRELOAD", "");
    assertTrue(stdout().contains(preloaded.contains("libtcmalloc")
        ? "\nallocator     tcmalloc (/"
        : "\nallocator     the C library's malloc: operations on small arrays run up to twice as fast"), stdout());
    assertTrue(stdout().contains("\ncharts        " + switch (ChartSupport.here()) {
      case FULL -> "drawn\n";
      case WITHOUT_TEXT -> "drawn without text: ";
      case NONE -> "not drawn: this Java finds no fonts";
    }), stdout());
    assertTrue(stdout().contains("\nNo GPU"), stdout());
  }
}

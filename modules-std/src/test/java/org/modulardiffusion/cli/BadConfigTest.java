package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configs that once escaped as JVM errors, leaked DJL's or libtorch's words, hung or were
 * silently accepted: each is refused with exit 2 and one line naming the config path.
 */
class BadConfigTest {
  private static final String DIGITS =
      """
      dataset:  {type: digits, size: 8, count: 16, seed: 0}
      schedule: {type: cosine, steps: 10}
      noise:    {type: gaussian, parameter: epsilon}
      net:      {type: unet, channels: [1, 8, 8], labels: 10, hidden: 16, heads: 2, groups: 4}
      loss:     {type: simple, parameter: epsilon}
      guidance: {type: classifier-free, dropout: 0.1, strength: 2}
      sampler:  {type: ddim, steps: 5, clip: 1}
      train:    {epochs: 1, batch: 8, lr: 1e-3, seed: 0}
      """;

  /** The reference configs. */
  private static final Path CONFIGS = Path.of("../sample-plugins/src/main/resources/configs");

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();

  private String refusal(String yaml) throws IOException {
    Path config = Files.writeString(folder.resolve("bad.yaml"), yaml);
    assertEquals(2, diffusion.run("validate", "--config", config.toString()), diffusion.stderr());
    String err = diffusion.stderr();
    assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
    return err.strip();
  }

  @Test
  void theDigitsConfigItselfAssembles() throws IOException {
    Path config = Files.writeString(folder.resolve("good.yaml"), DIGITS);
    assertEquals(0, diffusion.run("validate", "--config", config.toString()), diffusion.stderr());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "channels: [1, 8, 8]       | channels: [-1, 8]    | error: net.channels[0]: expected a finite value in [1, inf], got -1",
      "channels: [1, 8, 8]       | channels: [1, 0]     | error: net.channels[1]: expected a finite value in [1, inf], got 0",
      "channels: [1, 8, 8]       | channels: [8]        | error: net: channels needs the image's and at least one level's, got 1",
      "steps: 5, clip: 1         | steps: 0, clip: 1    | error: sampler.steps: expected a finite value in [1, inf], got 0",
      "lr: 1e-3                  | lr: .nan             | error: train.lr: expected a finite number above 0, got NaN",
      "lr: 1e-3                  | lr: .inf             | error: train.lr: expected a finite number above 0, got Infinity",
      "lr: 1e-3, seed: 0}        | lr: 1e-3, seed: 0, device: \"0\"} | error: train.device: expected a device, auto, cpu, gpu or gpu:N, got \"0\"",
      "dropout: 0.1              | dropout: .nan        | error: guidance.dropout: expected a finite value in [0, 1], got NaN",
      "strength: 2               | strength: .inf       | error: guidance.strength: expected a finite value in [0, inf], got Infinity",
      "clip: 1                   | clip: .nan           | error: sampler.clip: expected a finite value in [-1, inf], got NaN",
      "{type: classifier-free, dropout: 0.1, strength: 2} | classifier-free | error: guidance: expected a module such as {type: …}, got classifier-free",
      "{type: classifier-free, dropout: 0.1, strength: 2} | 42              | error: guidance: expected a module such as {type: …}, got 42",
      "{type: classifier-free, dropout: 0.1, strength: 2} | {dropout: 0.1}  | error: guidance.type: missing; name the guidance module",
      "steps: 10}                | steps: 2147483647}   | error: schedule.steps: expected a finite value in [1, 1000000], got 2147483647"})
  void aBadValueIsNamedByItsPath(String from, String to, String message) throws IOException {
    String yaml = DIGITS.replace(from, to);
    assertTrue(!yaml.equals(DIGITS), "the test changes the config");
    assertEquals(message, refusal(yaml), yaml);
  }

  @Test
  void aNetTooLargeForTheMachineIsRefusedBeforeItsParametersAreAllocated() throws IOException {
    // hidden 10^8: the time embedding's first layer alone has 16 · 10^8 weights, 4 copies of
    // 4 bytes each in training: 25.6 · 10^9 bytes, whatever the machine; at its default, 256, the
    // net is small.
    long start = System.nanoTime();
    String message = refusal(DIGITS.replace("hidden: 16", "hidden: 100000000"));
    Matcher figures = Pattern.compile("error: net.hidden: 100000000 gives net \\(UNet\\) ([0-9,]+) parameters, which would"
        + " need ([0-9.,]+) GiB to train \\(the largest, [^,]+, has shape \\((16, 100000000|100000000, 16)\\)\\), more"
        + " than the .* GiB available on this machine; at its default the net would fit").matcher(message);
    assertTrue(figures.matches(), message);
    long count = Long.parseLong(figures.group(1).replace(",", ""));
    assertTrue(count > 16 * 100_000_000L, "one layer alone has 16 · 10^8 weights: " + count);
    assertEquals(count * 16.0 / (1L << 30), Double.parseDouble(figures.group(2).replace(",", "")), 0.05);
    assertTrue((System.nanoTime() - start) / 1e9 < 20, "refused at once, not after allocating");
    // channels has no default, and no other value at its default would shrink the widest level's
    // convolutions: 10^8 · (10^8 + 8) · 3 · 3 weights in the decoder's first one alone.
    String wide = refusal(DIGITS.replace("channels: [1, 8, 8]", "channels: [1, 8, 1e8]"));
    Matcher wideFigures = Pattern.compile("error: net \\(UNet\\): it has ([0-9,]+) parameters, which would need ([0-9.,]+)"
        + " GiB to train \\(the largest, [^,]+, has shape \\(100000000, 100000008, 3, 3\\)\\), more than the .* GiB"
        + " available on this machine; no one of its settings at its default would make it fit; make the net smaller")
        .matcher(wide);
    assertTrue(wideFigures.matches(), wide);
    BigInteger wideCount = new BigInteger(wideFigures.group(1).replace(",", ""));
    assertTrue(wideCount.compareTo(BigInteger.valueOf(90_000_007_200_000_000L)) > 0, wide);
    assertEquals(wideCount.doubleValue() * 16 / (1L << 30), Double.parseDouble(wideFigures.group(2).replace(",", "")),
        0.05);
  }

  /**
   * The reference configs, fuzzed, with a net too large for any machine: the refusal names the
   * value that makes it so. The transformer (input i, labels L, depth d, width w) has i·w + w in
   * its input layer, w / 2 in each of its two sinusoidal embeddings, (L + 1)·w in its label table,
   * 18w² + 19w in each block (modulation 6w² + 6w, attention 3w² + 3w and w² + w, the MLP 4w² + 4w
   * and 4w² + w, two norms 2w each) and w·i + i in its output layer: 2iw + 2w + (L + 1)w +
   * d(18w² + 19w) + i in all; 16 bytes each in training, over 2^30 bytes a GiB.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // i = 16, L = 100,000,001, d = 4, w = 128: 4,096 + 256 + 12,800,000,256 + 1,189,376 + 16 = 12,801,194,000;
      // 190.75 GiB.
      "digits-transformer.yaml | labels: 10, | labels: 100000001, | error: net.labels: 100000001 gives net (Transformer)"
          + " 12,801,194,000 parameters, which would need 190.8 GiB to train (the largest, 03label_table, has shape"
          + " (100000002, 128)), more than the N GiB available on this machine; at its default the net would fit",
      // i = 16, L = 0, d = 4, w = 6 · 10^8: 19,200,000,000 + 1,200,000,000 + 600,000,000
      // + 25,920,000,045,600,000,000 + 16 = 25,920,000,066,600,000,016, more than a long holds; 386,238,099,136.95 GiB.
      "grammar-embedding.yaml | width: 128 | width: 600000000 | error: net.width: 600000000 gives net (Transformer)"
          + " 25,920,000,066,600,000,016 parameters, which would need 386,238,099,136.9 GiB to train (the largest,"
          + " 05block1_01modulation_weight, has shape (3600000000, 600000000)), more than the N GiB available on this"
          + " machine; at its default the net would fit"})
  void theValueThatMakesANetTooLargeIsNamedByItsPath(String file, String from, String to, String message)
      throws IOException {
    String reference = Files.readString(CONFIGS.resolve(file));
    String yaml = reference.replace(from, to).replaceFirst("count: [0-9]+", "count: 64");
    assertTrue(!yaml.equals(reference), "the test changes the config");
    assertEquals(message, refusal(yaml).replaceFirst("more than the [0-9.,]+ GiB", "more than the N GiB"), yaml);
  }

  @Test
  void aModuleThatPyTorchCannotRunOnTheOthersOutputIsNamedWithItsInput() throws IOException {
    // A two-category noise on data of 77 categories: its transition matrix cannot multiply them.
    String message = refusal("""
        dataset:  {type: grammar, count: 64, length: 16, seed: 0}
        data:     {type: one-hot, k: 77}
        schedule: {type: linear, steps: 20, start: 0.999, end: 0.95}
        noise:    {type: absorbing, k: 2}
        net:      {type: softmax, net: {type: transformer, input: 77, depth: 1, width: 16, heads: 2}}
        loss:     {type: vlb}
        train:    {batch: 4}
        """);
    assertEquals("error: noise: Absorbing fails on encoded data of shape (4, 16, 77); check its sizes against the"
        + " data's and the other modules'", message);
  }

  @Test
  void aParameterThatDisagreesWithAnotherIsNamedByItsModulesPath() throws IOException {
    String message = refusal("""
        dataset:  {type: grammar, count: 64, length: 16, seed: 0}
        data:     {type: one-hot, k: 77}
        schedule: {type: linear, steps: 20, start: 0.999, end: 0.95}
        noise:    {type: absorbing, k: 77, m: 77}
        net:      {type: softmax, net: {type: transformer, input: 77, depth: 1, width: 16, heads: 2}}
        loss:     {type: vlb}
        train:    {batch: 4}
        """);
    // m counts from the end when negative, so k classes allow m in [-k, k - 1].
    assertEquals("error: noise: m must lie in [-77, 76], got 77", message);
  }

  @Test
  void aBatchWhoseActivationsCannotFitIsRefusedBeforeTraining() throws IOException {
    String message = refusal("""
        dataset:  {type: toy2d, figure: gaussians, count: 10000000}
        schedule: {type: cosine, steps: 10}
        noise:    {type: gaussian, parameter: epsilon}
        net:      {type: mlp, width: 1000, depth: 4}
        loss:     {type: simple, parameter: epsilon}
        train:    {batch: 10000000}
        """);
    Matcher figures = Pattern.compile("error: net \\(Mlp\\): a training batch of 10,000,000 would need about ([0-9.,]+) GiB"
        + " for its activations \\(([0-9.,]+) MiB an example\\), more than the .* GiB available on this machine; make"
        + " the net smaller or lower train.batch; train.accumulate adds up smaller batches to the same step")
        .matcher(message);
    assertTrue(figures.matches(), message);
    // train says what to change in its own option's words, and leaves no output folder behind.
    Path run = folder.resolve("run");
    assertEquals(2, diffusion.run("train", "--config", folder.resolve("bad.yaml").toString(), "--out", run.toString()));
    assertTrue(diffusion.stderr().strip().endsWith("make the net smaller or train with a smaller --batch, which"
        + " accumulates batches into the same 10,000,000 examples a step (with --resume, from the last checkpoint)"),
        diffusion.stderr());
    assertFalse(Files.exists(run), "no folder left behind");
    double perExample = Double.parseDouble(figures.group(2).replace(",", ""));
    // Each example passes four hidden layers of 1,000 floats: 16,000 bytes at least, twice.
    assertTrue(perExample * (1 << 20) >= 2 * 16_000, message);
    // The MiB an example are rounded to 0.005: the batch's GiB agree within 10^7 times that.
    assertEquals(perExample * 10_000_000 / 1024, Double.parseDouble(figures.group(1).replace(",", "")),
        0.005 * 10_000_000 / 1024 + 0.1);
  }

  @Test
  void aGpuMissingUnderAnotherLibtorchSendsTheUserToDoctor() throws Exception {
    // The CPU libtorch the tests load, given as DJL's PYTORCH_LIBRARY_PATH, as the launcher gives an installed one.
    Engine.getInstance();
    Map<String, String> installed = Map.of("PYTORCH_LIBRARY_PATH", LibUtils.getLibtorchPath(),
        "PYTORCH_VERSION", LibUtils.getVersion(), "PYTORCH_FLAVOR", "cpu");
    Path config = Files.writeString(
        folder.resolve("gpu.yaml"), DIGITS.replace("lr: 1e-3, seed: 0}", "lr: 1e-3, seed: 0, device: gpu}"));
    Process child = ChildJvm.start(installed, "validate", "--config", config.toString());
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(2, child.exitValue(), output);
    assertTrue(output.strip().endsWith("error: train.device: device gpu: no GPU is visible to DJL; use cpu or auto, or"
        + " run ./diffusion doctor to see why and how to get one"), output);
  }

  @Test
  void aMisspeltDeviceIsRefusedBeforeTheEngineLoads() throws Exception {
    // The engine cannot load in this child: offline, DJL would have to download a PyTorch that does not exist.
    Path config = Files.writeString(folder.resolve("gpu.yaml"), DIGITS.replace("lr: 1e-3, seed: 0}", "lr: 1e-3, seed: 0, device: \"gpu:x\"}"));
    Process child = ChildJvm.start(Map.of("PYTORCH_VERSION", "9.9.9"), "validate", "--config", config.toString());
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(2, child.exitValue(), output);
    assertEquals("error: train.device: expected a device gpu:N with a number N of 0 or more, got \"gpu:x\"", output.strip());
  }

  @Test
  void aRunRefusedBeforeItsFirstEpochLeavesNoFolderOfItsOwnBehind() throws IOException {
    Path config = Files.writeString(folder.resolve("bad.yaml"), DIGITS.replace("channels: [1, 8, 8]", "channels: [1, 0, 8]"));
    Path out = folder.resolve("run");
    assertEquals(2, diffusion.run("train", "--config", config.toString(), "--out", out.toString()), diffusion.stderr());
    assertFalse(Files.exists(out), "the run's folder is left");
    // A folder that was there before stays, with what it held.
    Path mine = Files.writeString(Files.createDirectories(out).resolve("notes.txt"), "mine");
    assertEquals(2, diffusion.run("train", "--config", config.toString(), "--out", out.toString()), diffusion.stderr());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(mine), left.toList());
    }
    Files.delete(mine);
    assertEquals(2, diffusion.run("train", "--config", config.toString(), "--out", out.toString()), diffusion.stderr());
    assertTrue(Files.isDirectory(out), "an empty folder that was there before was removed");
  }

  @Test
  void aDataSetTooLargeForAnArrayIsRefused() throws IOException {
    String message = refusal("""
        dataset:  {type: grammar, count: 2147483647, length: 16}
        data:     {type: embedding, k: 76, d: 4}
        schedule: {type: cosine, steps: 10}
        noise:    {type: gaussian, parameter: x}
        net:      {type: transformer, input: 4, depth: 1, width: 8, heads: 2}
        loss:     {type: simple, parameter: x}
        """);
    assertTrue(message.startsWith("error: dataset: 2,147,483,647 examples of 16 values each are more than the "), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{type: simple}                       | x       | epsilon | (loss: {type: simple, parameter: epsilon})",
      "{type: simple, parameter: v}         | v       | epsilon | (loss: {type: simple, parameter: epsilon})",
      "[{type: simple}, {type: vlb, weight: 0.001}] | x | epsilon | (loss: {type: simple, parameter: epsilon})"})
  void aLossThatTrainsAnotherPredictionThanTheNoiseReadsIsRefused(String loss, String target, String predicted,
      String fix) throws IOException {
    String message = refusal(DIGITS.replace("{type: simple, parameter: epsilon}", loss));
    assertEquals("error: loss: the loss trains the net to predict " + target + ", but noise Gaussian(EPSILON, FIXED)"
        + " reads the net's output as " + predicted + "; give both the same parameter " + fix, message);
  }

  @Test
  void aSimpleLossOnAMuPredictionPointsToTheBound() throws IOException {
    String message = refusal(DIGITS.replace("{type: gaussian, parameter: epsilon}", "{type: gaussian, parameter: mu}"));
    assertTrue(message.endsWith("reads the net's output as mu; give both the same parameter (simple trains x, epsilon"
        + " or v), or use loss vlb, which trains mu"), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "net: &a [*a]                  | error: net[0]: contains itself (a YAML alias inside its own anchor)",
      "net: &a {type: unet, net: *a} | error: net.net: contains itself (a YAML alias inside its own anchor)"})
  void aConfigThatContainsItselfIsRefused(String yaml, String message) throws IOException {
    assertEquals(message, refusal(yaml));
  }

  @Test
  void nestingIsBounded() throws IOException {
    Path config = folder.resolve("bad.yaml");
    assertEquals("error: " + config + ": nested too deeply to read; a config nests a few levels",
        refusal("net: " + "[".repeat(5000) + "]".repeat(5000)));
    assertEquals("error: " + config + ": nested too deeply to read; a config nests a few levels",
        refusal("net: " + "{a: ".repeat(5000) + "1" + "}".repeat(5000)));
    // The root map is the first level, net's list the second: the 33rd is net followed by 31 indices.
    assertEquals("error: net" + "[0]".repeat(31) + ": nested more than 32 deep",
        refusal("net: " + "[".repeat(40) + "]".repeat(40)));
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    Path config = Files.write(folder.resolve("bytes.yaml"), new byte[] {'n', 'e', 't', ':', ' ', (byte) 0xc3, 0x28});
    assertEquals(2, diffusion.run("validate", "--config", config.toString()));
    assertEquals("error: " + config + ": not UTF-8 text; a config is a YAML or JSON text file\n", diffusion.stderr());
  }

  @Test
  void invalidYamlIsReportedInOneLineWithItsPosition() throws IOException {
    Path config = folder.resolve("bad.yaml");
    assertEquals("error: " + config + ": not valid YAML: line 2, column 1: expected ',' or ']', but got <stream end>",
        refusal("net: [1, 2\n"));
  }
}

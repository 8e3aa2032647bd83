package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints that are damaged, hold non-finite weights or are named wrongly are refused with
 * exit 2 and one line naming the file, by {@code sample} and {@code train --resume} alike, and
 * change nothing; an output folder that cannot be written is found before training.
 */
class CheckpointSafetyTest {
  private static final String TOY = ToyConfig.YAML;

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();
  private Path run;
  private Path checkpoint;

  @BeforeEach
  void train() throws IOException {
    Path config = Files.writeString(folder.resolve("toy.yaml"), TOY);
    run = folder.resolve("run");
    assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", run.toString()), diffusion.stderr());
    checkpoint = run.resolve("checkpoints/epoch-0001");
  }

  /** Runs {@code sample} and {@code train --resume} on the run and returns their one-line errors. */
  private List<String> refusals() throws IOException {
    String latest = Files.readString(run.resolve("checkpoints/latest"));
    String sample = refusal("sample", "--checkpoint", run.toString(), "--out", folder.resolve("s").toString());
    String resume = refusal("train", "--resume", "--epochs", "2", "--out", run.toString());
    assertEquals(latest, Files.readString(run.resolve("checkpoints/latest")), "nothing changed");
    assertTrue(Files.notExists(run.resolve("checkpoints/epoch-0002")), "nothing trained");
    return List.of(sample, resume);
  }

  private String refusal(String... args) {
    assertEquals(2, diffusion.run(args), diffusion.stderr());
    // train says what it assembles first; the error is the last line, and the only one.
    String[] lines = diffusion.stderr().split("\n");
    String error = lines[lines.length - 1];
    assertTrue(error.startsWith("error: "), diffusion.stderr());
    assertEquals(1, Arrays.stream(lines).filter(l -> l.startsWith("error") || l.contains("\tat ")).count(),
        diffusion.stderr());
    return error;
  }

  @Test
  void aCheckpointHoldsAChecksumOfEachFileInSha256sumsFormat() throws IOException {
    List<String> lines = Files.readAllLines(checkpoint.resolve("checksums"));
    assertEquals(4, lines.size());
    for (String line : lines) {
      String file = line.substring(66);
      assertEquals(sha256(checkpoint.resolve(file)) + "  " + file, line);
    }
  }

  @Test
  void aByteAppendedToTheOptimizerStateIsFound() throws IOException {
    Path optimizer = checkpoint.resolve("optimizer.state");
    byte[] bytes = Files.readAllBytes(optimizer);
    Files.write(optimizer, Arrays.copyOf(bytes, bytes.length + 1));
    for (String message : refusals()) {
      assertTrue(message.endsWith(optimizer + ": damaged; its content does not match its checksum in checksums"), message);
    }
    rewriteChecksums(); // as if the checksums had been computed after the damage
    String resume = refusal("train", "--resume", "--epochs", "2", "--out", run.toString());
    assertEquals("error: " + optimizer + ": unexpected data after the optimizer's state", resume);
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingTheFile() throws IOException {
    Path parameters = checkpoint.resolve("model.params");
    byte[] bytes = Files.readAllBytes(parameters);
    // The file ends with the last parameter's values, big-endian floats: make the last one NaN.
    byte[] nan = {0x7f, (byte) 0xc0, 0, 0};
    System.arraycopy(nan, 0, bytes, bytes.length - 4, 4);
    Files.write(parameters, bytes);
    rewriteChecksums(); // a checkpoint written before non-finite weights were refused
    for (String message : refusals()) {
      assertTrue(message.startsWith("error: " + parameters + ": parameter "), message);
      assertTrue(message.endsWith(" holds NaN; the run had diverged when it was saved, so these weights cannot be used"),
          message);
    }
  }

  @Test
  void aLatestThatLeadsOutOfItsFolderIsRefused() throws IOException {
    Path latest = run.resolve("checkpoints/latest");
    Files.writeString(latest, "../..");
    for (String message : refusals()) {
      assertEquals("error: " + latest + ": expected the name of a checkpoint in " + run.resolve("checkpoints")
          + ", such as epoch-0003, got \"../..\"", message);
    }
  }

  @Test
  void aMissingFileIsNamedWithTheReason() throws IOException {
    Files.delete(checkpoint.resolve("config.yaml"));
    for (String message : refusals()) {
      assertTrue(message.endsWith(checkpoint.resolve("config.yaml") + ": missing; the checkpoint is incomplete"), message);
    }
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsFoundBeforeTraining() throws IOException {
    Path file = Files.writeString(folder.resolve("a-file"), "not a folder");
    Path config = folder.resolve("toy.yaml");
    String message = refusal("train", "--config", config.toString(), "--out", file.toString());
    assertTrue(message.startsWith("error: cannot write the outputs to " + file + ": "), message);
    assertEquals(message + "\n", diffusion.stderr(), "found before the model is even assembled");
  }

  @Test
  void aFailedWriteKeepsItsCauseAndLeavesTheLatestCheckpoint() throws IOException {
    // The samples' folder cannot be made: a file is in its way, as a full disk is in a write's.
    Files.delete(run.resolve("samples/epoch-0001.png"));
    Files.delete(run.resolve("samples"));
    Files.writeString(run.resolve("samples"), "in the way");
    String message = refusal("train", "--resume", "--epochs", "2", "--out", run.toString());
    assertEquals("error: could not write the outputs of epoch 2 to " + run + ": cannot write "
        + run.resolve("samples/epoch-0002.png") + ": a file of that name is in the way", message);
    assertEquals("epoch-0001", Files.readString(run.resolve("checkpoints/latest")));
  }

  @Test
  void restoringACheckpointUsesNoDeprecatedPyTorchMode() throws Exception {
    // PyTorch warns once per process, on its own standard error: only a process of its own shows it.
    String output = ChildJvm.run("sample", "--checkpoint", run.toString(), "--out", folder.resolve("s").toString());
    assertTrue(output.contains("wrote "), output);
    assertTrue(!output.contains("AutoNonVariableTypeMode") && !output.contains("Warning"), output);
  }

  private void rewriteChecksums() throws IOException {
    StringBuilder text = new StringBuilder();
    for (String file : List.of("config.yaml", "model.params", "optimizer.state", "state.properties")) {
      text.append(sha256(checkpoint.resolve(file))).append("  ").append(file).append('\n');
    }
    Files.writeString(checkpoint.resolve("checksums"), text);
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

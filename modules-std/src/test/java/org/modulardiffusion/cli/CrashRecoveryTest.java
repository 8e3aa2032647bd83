package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modulardiffusion.checkpoint.Checkpoint;

/**
 * A run interrupted anywhere in an epoch's outputs loses at most that epoch: {@code latest}
 * names the epoch before until all of them are written, and {@code train --resume} removes what
 * the interrupted epoch left and trains it again.
 */
class CrashRecoveryTest {
  private static final String TOY = ToyConfig.YAML.replace("epochs: 1", "epochs: 2");
  /** Standard output before the command runner captures it, for the counts. */
  private static final PrintStream CONSOLE = System.out;

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();
  private Path config;
  private Path run;

  @BeforeEach
  void writeConfig() throws IOException {
    config = Files.writeString(folder.resolve("toy.yaml"), TOY);
    run = folder.resolve("run");
  }

  /** How far epoch 3's outputs got when the run was killed: each stage adds to the one before. */
  enum Stage { SAMPLES, METRICS, TORN_METRICS, CHECKPOINT_HALF_WRITTEN, CHECKPOINT_RENAMED }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void aResumedRunRedoesTheEpochThatACrashCutShort(Stage stage) throws IOException {
    assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", run.toString()), diffusion.stderr());
    Path checkpoints = run.resolve("checkpoints");
    // What epoch 3 left, in the order the run writes it, up to the stage of the kill.
    Files.copy(run.resolve("samples/epoch-0002.png"), run.resolve("samples/epoch-0003.png"));
    Files.writeString(run.resolve("loss.png.4711.tmp"), "half a picture");
    if (stage.compareTo(Stage.METRICS) >= 0) {
      append("{\"epoch\":3,\"loss\":0.5,\"steps\":6}\n");
    }
    if (stage.compareTo(Stage.TORN_METRICS) >= 0) {
      append("{\"epoch\":4,\"loss\":0.");
    }
    if (stage.compareTo(Stage.CHECKPOINT_HALF_WRITTEN) >= 0) {
      Path temp = Files.createDirectories(checkpoints.resolve("epoch-0003.8123"));
      Files.writeString(temp.resolve("config.yaml"), TOY);
      Files.writeString(temp.resolve("model.params.99.tmp"), "half");
    }
    if (stage.compareTo(Stage.CHECKPOINT_RENAMED) >= 0) {
      copyTree(checkpoints.resolve("epoch-0002"), checkpoints.resolve("epoch-0003"));
      Files.writeString(checkpoints.resolve("latest.5.tmp"), "epoch-0003");
    }
    assertEquals("epoch-0002", Files.readString(checkpoints.resolve("latest")));

    assertEquals(0, diffusion.run("train", "--resume", "--epochs", "3", "--out", run.toString()), diffusion.stderr());
    assertTrue(diffusion.stderr().contains("after epoch 2"), diffusion.stderr());
    assertCompleteUpTo(3);
  }

  /**
   * Kills a training child JVM with SIGKILL a random moment after it reports an epoch, checks
   * that the latest checkpoint loads, then resumes the run to its end and checks that every
   * epoch's outputs are there once.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aRunKilledAtRandomMomentsResumesToACompleteRecord() throws Exception {
    Random random = new Random(11);
    int trials = 4;
    int epochs = 6;
    int interrupted = 0;
    int midway = 0;
    for (int trial = 0; trial < trials; trial++) {
      Path out = folder.resolve("killed-" + trial);
      run = out;
      Process child = ChildJvm.start(
          "train", "--config", config.toString(), "--out", out.toString(), "--epochs", Integer.toString(epochs));
      int target = 1 + random.nextInt(epochs - 2);
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("epoch " + target + ": wrote")) {
          // wait for the target epoch
        }
        Thread.sleep(random.nextInt(300));
        child.destroyForcibly();
      }
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      Path checkpoints = out.resolve("checkpoints");
      int saved = Integer.parseInt(Files.readString(checkpoints.resolve("latest")).substring("epoch-".length()));
      assertTrue(saved >= target, "the epoch reported last is saved");
      Checkpoint.latest(checkpoints); // checks every file of it against its checksum
      if (saved < epochs) {
        interrupted++;
      }
      if (leftovers(out, saved)) {
        midway++;
      }
      assertEquals(0, diffusion.run("train", "--resume", "--out", out.toString()), diffusion.stderr());
      assertCompleteUpTo(epochs);
    }
    CONSOLE.printf("kill -9: %d trials, %d killed before the run's end, %d of them amid an epoch's outputs,"
        + " %d resumed to a complete record%n", trials, interrupted, midway, trials);
  }

  /**
   * A run stopped as Ctrl-C or a scheduler stops it (SIGTERM) says which epoch it stopped in and
   * how to go on; the checkpoint it names as the latest is of an epoch before.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aStoppedRunSaysWhereItStoppedAndHowToGoOn() throws Exception {
    Process child = ChildJvm.start("train", "--config", config.toString(), "--out", run.toString(), "--epochs", "1000");
    List<String> printed = stopped(child, "epoch 2: wrote");
    assertEquals(128 + 15, child.exitValue(), String.join("\n", printed));
    // The notice is the last line: the run is held at a step while the JVM shuts down.
    Pattern told = Pattern.compile("interrupted in epoch (\\d+); \\./diffusion train --resume --out "
        + Pattern.quote(run.toString()) + " goes on from the latest checkpoint it wrote");
    Matcher notice = told.matcher(printed.get(printed.size() - 1));
    assertTrue(notice.matches(), String.join("\n", printed));
    int saved = Integer.parseInt(Files.readString(run.resolve("checkpoints/latest")).substring("epoch-".length()));
    assertTrue(saved >= 2 && saved < Integer.parseInt(notice.group(1)), saved + " and " + notice.group());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aRunStoppedInItsFirstEpochHasNothingToResume() throws Exception {
    // 200,000 points in batches of 32: an epoch of 6,250 steps, seconds long.
    Path large = Files.writeString(folder.resolve("large.yaml"), TOY.replace("count: 64", "count: 200000"));
    List<String> printed = stopped(ChildJvm.start("train", "--config", large.toString(), "--out", run.toString()),
        "training Mlp");
    assertEquals("interrupted in epoch 1, before any checkpoint: nothing to resume", printed.get(printed.size() - 1),
        String.join("\n", printed));
    assertFalse(Files.exists(run), "the folder the run made, with nothing in it");
  }

  /**
   * The lines {@code child} prints, to its end, after a SIGTERM sent when a line starts with
   * {@code trigger}, as Ctrl-C or a scheduler stops a run.
   */
  private static List<String> stopped(Process child, String trigger) throws IOException, InterruptedException {
    List<String> printed = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        printed.add(line);
        if (line.startsWith(trigger)) {
          child.toHandle().destroy(); // unlike Process.destroy, leaves the output to read to its end
        }
      }
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    return printed;
  }

  /** Whether the killed run left outputs of an epoch after {@code saved}, or temporary files. */
  private static boolean leftovers(Path out, int saved) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.map(p -> p.getFileName().toString()).anyMatch(name -> name.endsWith(".tmp")
          || name.matches("epoch-\\d{4}\\..*") && !name.endsWith(".png")
          || name.matches("epoch-\\d{4}\\.png") && Integer.parseInt(name.substring(6, 10)) > saved)
          || Files.readAllLines(out.resolve("metrics.jsonl")).size() != saved;
    }
  }

  private void append(String text) throws IOException {
    Files.writeString(run.resolve("metrics.jsonl"), text, StandardOpenOption.APPEND);
  }

  /** Epochs 1..last have one metrics line, one sample picture and one checkpoint each, and nothing else is left. */
  private void assertCompleteUpTo(int last) throws IOException {
    List<Integer> epochs = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      epochs.add(JsonParser.parseString(line).getAsJsonObject().get("epoch").getAsInt());
    }
    List<Integer> expected = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    List<String> checkpoints = new ArrayList<>();
    for (int e = 1; e <= last; e++) {
      expected.add(e);
      samples.add(String.format("epoch-%04d.png", e));
      checkpoints.add(String.format("epoch-%04d", e));
    }
    checkpoints.add("latest");
    assertEquals(expected, epochs, "one metrics line per epoch, in order");
    assertEquals(samples, names(run.resolve("samples")));
    assertEquals(checkpoints, names(run.resolve("checkpoints")));
    assertEquals(String.format("epoch-%04d", last), Files.readString(run.resolve("checkpoints/latest")));
    assertEquals(List.of("checkpoints", "loss.png", "metrics.jsonl", "samples"), names(run));
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}

package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.checkpoint.Checkpoint;
import org.modulardiffusion.config.ConfigReader;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.distributed.Collective;
import org.modulardiffusion.engine.Model;

/**
 * Training on two workers over 127.0.0.1, each a JVM of its own: they train as one worker does,
 * resume as they would have gone on, and stop when the other dies.
 */
class SeveralWorkersTest {
  /** 64 points in steps of 16, 8 a batch accumulated twice: 4 steps an epoch; clipping and an average. */
  private static final String CONFIG = ToyConfig.YAML.replace(
      "train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 1}",
      "train:    {epochs: 5, batch: 8, accumulate: 2, lr: 1e-2, seed: 1, clip: 0.5, ema: 0.9, timeout: 10}");

  @TempDir Path folder;
  @RegisterExtension final CommandRunner diffusion = new CommandRunner();

  /** Skipped where the collective library was not built; in CI, whose Linux builds it, failed. */
  @BeforeAll
  static void needsTheCollectiveLibrary() {
    Optional<String> reason = Collective.unavailableReason();
    String ci = System.getenv("CI");
    if (reason.isPresent() && ci != null && !ci.isEmpty()) {
      fail(reason.get() + " (CI is set, so training on several workers must be tested)");
    }
    assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
  }

  @Test
  void twoWorkersTrainAsOneAndResumeAsTheyWouldHaveGoneOn() throws IOException {
    Path config = Files.writeString(folder.resolve("toy.yaml"), CONFIG);
    Path alone = folder.resolve("alone");
    assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", alone.toString()), diffusion.stderr());
    Path two = folder.resolve("two");
    assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", two.toString(), "--epochs", "3",
        "--workers", "2"), diffusion.stderr());
    assertEquals(0, diffusion.run("train", "--resume", "--out", two.toString(), "--epochs", "5", "--workers", "2"),
        diffusion.stderr());

    List<JsonObject> expected = metrics(alone);
    List<JsonObject> actual = metrics(two);
    assertEquals(5, actual.size());
    for (int epoch = 0; epoch < 5; epoch++) {
      for (String figure : List.of("loss", "grad_norm")) {
        double value = expected.get(epoch).get(figure).getAsDouble();
        assertEquals(value, actual.get(epoch).get(figure).getAsDouble(), 1e-5 * value, figure + " of epoch " + (epoch + 1));
      }
    }
    assertSameWeights(alone, two);
  }

  @Test
  void twoWorkersSampleWhatOneSamplesWithTheSameSeed() throws IOException {
    Path config = Files.writeString(folder.resolve("toy.yaml"), CONFIG.replace("epochs: 5", "epochs: 1"));
    Path run = folder.resolve("run");
    assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", run.toString()), diffusion.stderr());
    String[] sample = {"sample", "--checkpoint", run.toString(), "--labels", "1,2,3", "--batch", "3", "--seed", "11"};
    assertEquals(0, diffusion.run(concat(sample, "--out", folder.resolve("one").toString())), diffusion.stderr());
    assertEquals(0, diffusion.run(concat(sample, "--out", folder.resolve("two").toString(), "--workers", "2")),
        diffusion.stderr());

    // 9 samples: worker 0 draws the first 4, worker 1 the other 5; rank 0 writes them all.
    NumpyFile.Array one = NumpyFile.readNpz(folder.resolve("one.npz")).get("samples");
    NumpyFile.Array two = NumpyFile.readNpz(folder.resolve("two.npz")).get("samples");
    assertArrayEquals(new long[] {9, 2}, two.shape());
    float[] expected = one.floats();
    float[] actual = two.floats();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "value " + i);
    }
    assertArrayEquals(NumpyFile.readNpz(folder.resolve("one.npz")).get("labels").longs(),
        NumpyFile.readNpz(folder.resolve("two.npz")).get("labels").longs());
  }

  @Test
  void twoWorkersEvaluateAsOneWithTheSameSeed() throws IOException {
    Path config = Files.writeString(folder.resolve("toy.yaml"), CONFIG.replace("epochs: 5", "epochs: 1"));
    Path run = folder.resolve("run");
    assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", run.toString()), diffusion.stderr());
    String[] eval = {"eval", "--checkpoint", run.toString(), "--samples", "40", "--seed", "3", "--sampler", "ddim",
        "--steps", "5"};
    assertEquals(0, diffusion.run(eval), diffusion.stderr());
    assertEquals(0, diffusion.run(concat(eval, "--workers", "2")), diffusion.stderr());
    List<JsonObject> lines = metrics(run);
    JsonObject one = lines.get(lines.size() - 2);
    JsonObject two = lines.get(lines.size() - 1);
    for (String figure : List.of("sw", "sw_floor", "sw_ratio", "mmd", "mmd_ratio")) {
      double value = one.get(figure).getAsDouble();
      assertEquals(value, two.get(figure).getAsDouble(), 1e-5 * Math.abs(value), figure);
    }
    assertEquals(40, two.get("samples").getAsInt());
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  /**
   * Two machines, as two network namespaces joined by a virtual cable, each with an address of its
   * own: rank 1 reaches rank 0 only at MASTER_ADDR, and Gloo connects them at the addresses their
   * routes to each other leave from. Needs root and iproute2; skipped where they are missing.
   */
  @Test
  void workersOnTwoMachinesTrainAsOne() throws Exception {
    assumeTrue(new ProcessBuilder("ip", "netns", "list").start().waitFor() == 0
        && new ProcessBuilder("id", "-u").start().inputReader().readLine().equals("0"), "needs root and iproute2");
    String a = "md-a-" + ProcessHandle.current().pid();
    String b = "md-b-" + ProcessHandle.current().pid();
    String wireA = "vma" + ProcessHandle.current().pid() % 100_000;
    String wireB = "vmb" + ProcessHandle.current().pid() % 100_000;
    try {
      for (String line : List.of("netns add " + a, "netns add " + b, "link add " + wireA + " type veth peer name " + wireB,
          "link set " + wireA + " netns " + a, "link set " + wireB + " netns " + b,
          "-n " + a + " addr add 10.77.0.1/24 dev " + wireA, "-n " + b + " addr add 10.77.0.2/24 dev " + wireB,
          "-n " + a + " link set " + wireA + " up", "-n " + b + " link set " + wireB + " up")) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(line.split(" ")));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "ip " + line);
      }
      Path config = Files.writeString(folder.resolve("toy.yaml"), CONFIG.replace("epochs: 5", "epochs: 1"));
      Path alone = folder.resolve("alone");
      assertEquals(0, diffusion.run("train", "--config", config.toString(), "--out", alone.toString()),
          diffusion.stderr());
      Path run = folder.resolve("two");
      Map<String, String> job = Map.of("WORLD_SIZE", "2", "MASTER_ADDR", "10.77.0.1", "MASTER_PORT", "29400");
      Process first = onMachine(a, job, 0, config, run);
      Process second = onMachine(b, job, 1, config, run);
      String firstOutput = finish(first);
      String secondOutput = finish(second);
      assertEquals(0, first.exitValue(), firstOutput);
      assertEquals(0, second.exitValue(), secondOutput);
      double expected = metrics(alone).get(0).get("loss").getAsDouble();
      assertEquals(expected, metrics(run).get(0).get("loss").getAsDouble(), 1e-5 * expected);
    } finally {
      new ProcessBuilder("ip", "netns", "del", a).start().waitFor();
      new ProcessBuilder("ip", "netns", "del", b).start().waitFor();
    }
  }

  /** Rank {@code rank} of {@code job}, training {@code config} into {@code run}, in the network namespace {@code machine}. */
  private static Process onMachine(String machine, Map<String, String> job, int rank, Path config, Path run)
      throws IOException {
    Map<String, String> env = new HashMap<>(job);
    env.put("RANK", String.valueOf(rank));
    return ChildJvm.start(List.of("ip", "netns", "exec", machine), env,
        "train", "--config", config.toString(), "--out", run.toString());
  }

  @Test
  void workersWithDifferentConfigsAreRefusedAtStartNamingTheDifference() throws Exception {
    Path config = Files.writeString(folder.resolve("toy.yaml"), CONFIG);
    Map<String, String> job = job(2);
    Process first = worker(job, 0, "--config", config.toString(), "--out", folder.resolve("run").toString());
    Process second = worker(job, 1, "--config", config.toString(), "--out", folder.resolve("run").toString(),
        "--seed", "2");
    String refused = finish(second);
    finish(first);
    assertEquals(2, second.exitValue(), refused);
    assertTrue(refused.contains("error: worker 1 of 2 runs with another config than worker 0: line "), refused);
    assertTrue(refused.contains("seed: 2"), refused);
  }

  @Test
  void aWorkerKilledStopsTheOtherWhoseLatestCheckpointGoesOn() throws Exception {
    Path config = longConfig(CONFIG);
    Path run = folder.resolve("run");
    Map<String, String> job = job(2);
    Process first = worker(job, 0, "--config", config.toString(), "--out", run.toString());
    Process second = worker(job, 1, "--config", config.toString(), "--out", run.toString());
    Path latest = firstCheckpoint(run);
    second.destroyForcibly();
    long killed = System.nanoTime();
    String stopped = finish(first);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
    assertEquals(2, first.exitValue(), stopped);
    // At once where the dead worker's connection reports its end, at the latest when the step under
    // way times out, train.timeout (10 s) after it began; then 2 s to tell from the heartbeats who stopped.
    assertTrue(seconds < 14, "the survivor took " + seconds + " s, past train.timeout");
    assertTrue(stopped.contains("error: worker 0 of 2: worker 1 stopped answering: killed, crashed or stalled past train.timeout ("), stopped);
    assertTrue(stopped.contains("train --resume goes on from the latest checkpoint"), stopped);

    int epoch = Integer.parseInt(Files.readString(latest).replace("epoch-", ""));
    assertEquals(0, diffusion.run("train", "--resume", "--out", run.toString(), "--epochs", String.valueOf(epoch + 1)),
        diffusion.stderr());
    assertTrue(diffusion.stderr().contains("after epoch " + epoch), diffusion.stderr());
  }

  @Test
  void aWorkerThatStopsAnsweringStopsTheOtherAfterTheTimeout() throws Exception {
    Path config = longConfig(CONFIG.replace("timeout: 10", "timeout: 3"));
    Path run = folder.resolve("run");
    Map<String, String> job = job(2);
    Process first = worker(job, 0, "--config", config.toString(), "--out", run.toString());
    Process second = worker(job, 1, "--config", config.toString(), "--out", run.toString());
    firstCheckpoint(run);
    assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(second.pid())).start().waitFor());
    long stalled = System.nanoTime();
    String stopped = finish(first);
    double seconds = (System.nanoTime() - stalled) / 1e9;
    second.destroyForcibly();
    assertEquals(2, first.exitValue(), stopped);
    // train.timeout is 3 s: the step under way, which may have begun before the stop, waits that long
    // for the stalled worker, no longer; then 2 s to tell from the heartbeats who stopped.
    assertTrue(seconds < 17, "the survivor took " + seconds + " s");
    assertTrue(stopped.contains("error: worker 0 of 2: worker 1 stopped answering: killed, crashed or stalled past train.timeout ("), stopped);
  }

  @Test
  void ctrlCStopsAllWorkersAfterTheSameStepWithOneNotice() throws Exception {
    assumeFalse(interruptIgnored(), "this JVM ignores SIGINT (started in the background of a shell without job"
        + " control), and so would the launcher it starts");
    Path config = longConfig(CONFIG);
    Path run = folder.resolve("run");
    Process launcher = ChildJvm.start("train", "--config", config.toString(), "--out", run.toString(), "--workers", "2");
    Path latest = firstCheckpoint(run);
    assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(launcher.pid())).start().waitFor());
    String output = finish(launcher);
    assertEquals(130, launcher.exitValue(), output);
    List<String> notices = output.lines().filter(line -> line.startsWith("interrupted in epoch ")).toList();
    assertEquals(1, notices.size(), output);
    assertTrue(notices.get(0).endsWith("; ./diffusion train --resume --out " + run
        + " goes on from the latest checkpoint it wrote"), output);
    assertTrue(output.lines().noneMatch(line -> line.startsWith("error")), output);

    int epoch = Integer.parseInt(Files.readString(latest).replace("epoch-", ""));
    assertEquals(0, diffusion.run("train", "--resume", "--out", run.toString(), "--epochs", String.valueOf(epoch + 1)),
        diffusion.stderr());
  }

  @Test
  void aTakenPortOrAnUnknownMasterIsOneLine() throws Exception {
    Path config = Files.writeString(folder.resolve("toy.yaml"), CONFIG);
    String[] train = {"--config", config.toString(), "--out", folder.resolve("run").toString()};
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> job = new HashMap<>(job(2));
      job.put("MASTER_PORT", String.valueOf(taken.getLocalPort()));
      Process first = worker(job, 0, train);
      String refused = finish(first);
      assertEquals(2, first.exitValue(), refused);
      assertTrue(refused.startsWith("error: worker 0 of 2: store: cannot listen on port " + taken.getLocalPort()),
          refused);
      assertTrue(refused.endsWith("; MASTER_PORT must be a port free on this machine\n"), refused);
    }
    Map<String, String> job = new HashMap<>(job(2));
    job.put("MASTER_ADDR", "no-such-host.invalid");
    Process second = worker(job, 1, train);
    String refused = finish(second);
    assertEquals(2, second.exitValue(), refused);
    assertTrue(refused.startsWith("error: worker 1 of 2: store: cannot connect to no-such-host.invalid:"), refused);
    assertTrue(refused.endsWith("; MASTER_ADDR and MASTER_PORT must name rank 0's machine, reachable from this one,"
        + " and rank 0 must run\n"), refused);
    assertEquals(1, refused.lines().count(), refused);
  }

  /** {@code config} written for a run of minutes: 400 epochs of 4,096 points, for a test to stop it. */
  private Path longConfig(String config) throws IOException {
    return Files.writeString(folder.resolve("long.yaml"),
        config.replace("epochs: 5", "epochs: 400").replace("count: 64", "count: 4096"));
  }

  /** The {@code latest} file of {@code run}'s checkpoints, once the first epoch has written it (a minute at most). */
  private static Path firstCheckpoint(Path run) throws InterruptedException {
    Path latest = run.resolve("checkpoints/latest");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(latest) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(latest), "no checkpoint within a minute");
    return latest;
  }

  /** The variables of a job of {@code count} workers on this machine, rank 0's on a free port. */
  private static Map<String, String> job(int count) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return Map.of("WORLD_SIZE", String.valueOf(count), "MASTER_ADDR", "127.0.0.1",
          "MASTER_PORT", String.valueOf(socket.getLocalPort()));
    }
  }

  private static Process worker(Map<String, String> job, int rank, String... options) throws IOException {
    Map<String, String> env = new HashMap<>(job);
    env.put("RANK", String.valueOf(rank));
    env.put("LOCAL_RANK", String.valueOf(rank));
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(List.of(options));
    return ChildJvm.start(env, args.toArray(String[]::new));
  }

  /** What {@code worker} printed, once it has ended. */
  /** The output of {@code worker} once it has ended: within two minutes, else it and its children are killed. */
  private static String finish(Process worker) throws Exception {
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    boolean ended = worker.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      worker.descendants().forEach(ProcessHandle::destroyForcibly);
      worker.destroyForcibly();
    }
    String text = output.get(30, TimeUnit.SECONDS);
    assertTrue(ended, "still running after two minutes: " + text);
    return text;
  }

  /**
   * Whether this JVM ignores SIGINT, as a process started in the background of a shell without job
   * control does; the launchers it starts then ignore Ctrl-C too.
   */
  private static boolean interruptIgnored() throws IOException {
    long sigint = 1L << (2 - 1);
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("SigIgn:"))
        .anyMatch(line -> (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & sigint) != 0);
  }

  private static List<JsonObject> metrics(Path run) throws IOException {
    List<JsonObject> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      lines.add(JsonParser.parseString(line).getAsJsonObject());
    }
    return lines;
  }

  /** The latest checkpoints of two runs hold the same weights and moving averages, up to a relative 1e-5. */
  private static void assertSameWeights(Path expectedRun, Path actualRun) throws IOException {
    List<float[]> expected = weights(expectedRun);
    List<float[]> actual = weights(actualRun);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      for (int j = 0; j < expected.get(i).length; j++) {
        float value = expected.get(i)[j];
        assertEquals(value, actual.get(i)[j], 1e-5 * Math.max(1, Math.abs(value)), "array " + i + ", value " + j);
      }
    }
  }

  private static List<float[]> weights(Path run) throws IOException {
    Checkpoint checkpoint = Checkpoint.latest(run.resolve("checkpoints"));
    ModuleRegistry registry = ModuleRegistry.load(SeveralWorkersTest.class.getClassLoader());
    try (Model<?> model = new ModelAssembler(registry).assemble(
        ConfigReader.parse("config.yaml", checkpoint.config()))) {
      checkpoint.restore(model);
      List<float[]> values = new ArrayList<>();
      model.net().getParameters().values().forEach(p -> values.add(p.getArray().toFloatArray()));
      try (Model.AveragedWeights averaged = model.averagedWeights()) {
        model.net().getParameters().values().forEach(p -> values.add(p.getArray().toFloatArray()));
      }
      return values;
    }
  }
}

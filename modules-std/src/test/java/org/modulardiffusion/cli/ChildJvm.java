package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code diffusion} command line in a JVM of its own, on the tests' class path: for
 * what only a separate process shows (a kill, the native library's own warnings).
 */
final class ChildJvm {
  private ChildJvm() {}

  /** Starts the command line with {@code args}; its standard error is merged into its output. */
  static Process start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  /** Starts the command line with {@code args} and the environment variables {@code env} added. */
  static Process start(Map<String, String> env, String... args) throws IOException {
    return start(List.of(), env, args);
  }

  /**
   * Starts the command line with {@code args} and the environment variables {@code env} added,
   * through {@code wrapper}, a command that runs the rest of its line, such as {@code ip netns
   * exec NAME}.
   */
  static Process start(List<String> wrapper, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-cp", System.getProperty("java.class.path"), Diffusion.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs the command line with {@code args} to its end and returns all it printed. */
  static String run(String... args) throws IOException, InterruptedException {
    Process child = start(args);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
      throw new AssertionError("diffusion " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }
}

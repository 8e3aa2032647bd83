package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code diffusion train --workers N}: starts N workers of the same command on this machine, as
 * {@code torchrun --nproc-per-node N} would, and waits for them. Each is a JVM of its own with the
 * variables of {@link org.modulardiffusion.distributed.WorkerEnvironment} set, rank 0's rendezvous
 * on a free port of the loopback, and its share of the cores; rank 0 prints, the others only
 * their errors.
 */
final class LocalWorkers {
  private LocalWorkers() {}

  /**
   * Runs {@code arguments}, the command line without {@code --workers}, as {@code count} workers.
   *
   * @return the exit status of the first worker that failed, or 0
   */
  static int run(int count, List<String> arguments) throws InterruptedException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / count);
    int port = freePort();
    List<Process> workers = new ArrayList<>();
    Thread stopAll = new Thread(() -> stop(workers), "stop-workers");
    Runtime.getRuntime().addShutdownHook(stopAll);
    try {
      for (int rank = 0; rank < count; rank++) {
        workers.add(start(rank, count, port, threads, arguments));
      }
      int status = 0;
      for (Process worker : workers) {
        int exit = worker.waitFor();
        if (status == 0) {
          status = exit;
        }
      }
      return status;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopAll);
      } catch (IllegalStateException e) {
        // This launcher is stopping: the hook stops the workers and waits for them.
      }
    }
  }

  /**
   * Stops the workers as this launcher stops (Ctrl-C, SIGTERM): each is sent SIGTERM, on which
   * they stop together after a step (their own wait bounded by train.timeout), and is waited for,
   * so that worker 0's notice is the last line before the shell's prompt.
   */
  private static void stop(List<Process> workers) {
    workers.forEach(Process::destroy);
    for (Process worker : workers) {
      try {
        worker.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Process start(int rank, int count, int port, int threads, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-Dai.djl.pytorch.num_threads=" + threads);
    command.add("-Dai.djl.pytorch.num_interop_threads=1");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Diffusion.class.getName()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(rank == 0 ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(Map.of(
        "WORLD_SIZE", String.valueOf(count),
        "RANK", String.valueOf(rank),
        "LOCAL_RANK", String.valueOf(rank),
        "MASTER_ADDR", "127.0.0.1",
        "MASTER_PORT", String.valueOf(port)));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("--workers: cannot start worker " + rank + ": " + e.getMessage(), e);
    }
  }

  /** A port of the loopback free now, for rank 0's rendezvous. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("--workers: no free port for the rendezvous: " + e.getMessage(), e);
    }
  }
}

package org.modulardiffusion.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One rank of a test group, {@link CollectiveRank} in a JVM of its own on the tests' class path,
 * whose output lines are read as they come: a kill, and what the others make of it, shows only
 * across processes.
 */
final class RankProcess implements AutoCloseable {
  /** The tests' settings a rank needs too: DJL offline and on one thread, the library to load. */
  private static final List<String> FORWARDED = List.of(
      "ai.djl.offline", "ai.djl.pytorch.num_threads", Collective.LIBRARY_PROPERTY);

  private final int rank;
  private final Process process;
  /** All lines the rank printed so far; guarded by itself, notified on every line and at the end. */
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private RankProcess(int rank, Process process) {
    this.rank = rank;
    this.process = process;
    Thread reader = new Thread(this::read, "rank-" + rank + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts rank {@code rank} of {@code size} running {@code scenario} with the store at {@code storePort}. */
  static RankProcess start(String scenario, int rank, int size, int storePort, Duration timeout) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    FORWARDED.stream()
        .filter(name -> System.getProperty(name) != null)
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CollectiveRank.class.getName(),
        scenario, String.valueOf(rank), String.valueOf(size), String.valueOf(storePort),
        String.valueOf(timeout.toMillis())));
    try {
      return new RankProcess(rank, new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts ranks 0 to {@code size - 1}, all running {@code scenario}. */
  static List<RankProcess> startAll(String scenario, int size, int storePort, Duration timeout) {
    return Stream.iterate(0, rank -> rank < size, rank -> rank + 1)
        .map(rank -> start(scenario, rank, size, storePort, timeout))
        .toList();
  }

  /**
   * What follows {@code name: } on the first line that starts so, waiting up to {@code within} for
   * it; an assertion error with all the rank printed if none comes.
   */
  String await(String name, Duration within) throws InterruptedException {
    String prefix = name + ": ";
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          if (line.startsWith(prefix)) {
            return line.substring(prefix.length());
          }
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ended || left <= 0) {
          throw new AssertionError("rank " + rank + " printed no '" + prefix + "' line within " + within
              + (ended ? " before it ended" : "") + "; it printed:\n" + transcript());
        }
        lines.wait(left);
      }
    }
  }

  /** The exit status, waiting up to {@code within}; an assertion error if it runs on. */
  int exitValue(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("rank " + rank + " still runs after " + within + "; it printed:\n" + transcript());
    }
    return process.exitValue();
  }

  /** Kills the rank as SIGKILL does: no shutdown hook, no closed socket but the kernel's. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** All the rank printed so far. */
  String transcript() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone: ended says so
    }
    synchronized (lines) {
      ended = true;
      lines.notifyAll();
    }
  }
}

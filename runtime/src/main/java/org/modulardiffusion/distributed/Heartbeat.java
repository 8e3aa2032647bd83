package org.modulardiffusion.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's sign of life: a count it raises in the job's store every {@link #PERIOD}, on a
 * connection and a thread of its own, so that it goes on while the worker computes or waits in a
 * collective. When a collective fails, the survivors read the others' counts to tell which worker
 * stopped: one killed, crashed or stalled raises its count no more.
 */
final class Heartbeat implements AutoCloseable {
  /** How often a worker raises its count. */
  static final Duration PERIOD = Duration.ofMillis(500);
  /** How long a count must stand still for its worker to count as stopped. */
  static final Duration SILENCE = PERIOD.multipliedBy(4);

  private final KeyValueStore store;
  private final Thread beats;
  private volatile boolean closed;

  private Heartbeat(KeyValueStore store, int rank) {
    this.store = store;
    set(store, rank, 0);
    this.beats = new Thread(() -> beat(rank), "heartbeat-" + rank);
    beats.setDaemon(true);
    beats.start();
  }

  /**
   * Starts the heartbeat of worker {@code rank} on {@code store}, which no other thread may use
   * (rank 0's own store excepted, which serves every thread) and which the caller closes after
   * this. The first count is in the store when this returns, so that a worker that has joined is
   * never read as one that has not begun.
   */
  static Heartbeat start(KeyValueStore store, int rank) {
    return new Heartbeat(store, rank);
  }

  /**
   * The workers of {@code count}, {@code self} left out, whose counts did not rise over {@link
   * #SILENCE}: those that stopped or stalled. Takes that long.
   *
   * @throws CollectiveException when the store itself no longer answers
   */
  static List<Integer> silent(KeyValueStore store, int self, int count) throws InterruptedException {
    long[] before = counts(store, count);
    Thread.sleep(SILENCE.toMillis());
    long[] after = counts(store, count);
    List<Integer> silent = new ArrayList<>();
    for (int rank = 0; rank < count; rank++) {
      if (rank != self && after[rank] == before[rank]) {
        silent.add(rank);
      }
    }
    return silent;
  }

  private static long[] counts(KeyValueStore store, int count) {
    long[] counts = new long[count];
    for (int rank = 0; rank < count; rank++) {
      counts[rank] = Long.parseLong(new String(store.get(key(rank), SILENCE.toMillis()), StandardCharsets.UTF_8));
    }
    return counts;
  }

  private void beat(int rank) {
    try {
      for (long count = 1; !closed; count++) {
        Thread.sleep(PERIOD.toMillis());
        set(store, rank, count);
      }
    } catch (InterruptedException | CollectiveException e) {
      // closed, or the store is gone: the worker learns that from its own next collective
    }
  }

  private static void set(KeyValueStore store, int rank, long count) {
    store.set(key(rank), Long.toString(count).getBytes(StandardCharsets.UTF_8));
  }

  private static String key(int rank) {
    return "alive/" + rank;
  }

  /**
   * Stops the beats: none follows once this returns, unless the one under way waits on a store
   * that no longer answers, which this waits a period for at most.
   */
  @Override
  public void close() {
    closed = true;
    beats.interrupt();
    try {
      beats.join(PERIOD.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package org.modulardiffusion.distributed;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * How the host waits for NCCL, bounded by the job's timeout as PyTorch's NCCL watchdog bounds it:
 * an NCCL call waits for its peers, forever if one is gone or never came.
 *
 * <ul>
 *   <li>A sum waits inside the GPU: the host polls the stream, asks the communicator for an error
 *       of its own, and aborts the communicator once the timeout has passed ({@link #stream}).
 *   <li>Setting up the communicator waits inside the call, for every worker to join: the call
 *       runs on a thread of its own, and the host stops waiting for it at the timeout ({@link
 *       #setUp}); the thread, which nothing can stop, ends with the process.
 * </ul>
 */
final class NcclWait {
  /** How long the host sleeps between two polls of a stream. */
  private static final long POLL_NANOS = 20_000;

  /** What the wait asks of the GPU and of the communicator. */
  interface Stream {
    /** Whether the work queued so far has finished. */
    boolean done();

    /** The communicator's own error, such as a broken connection; null while there is none. */
    String error();

    /** Stops the communicator's work, so that the GPU and later calls do not wait for the peers. */
    void abort();
  }

  private NcclWait() {}

  /**
   * Returns when {@code stream}'s work has finished.
   *
   * @throws CollectiveException naming the communicator's error, or the timeout once {@code
   *     timeout} has passed; the communicator is aborted then
   */
  static void stream(Stream stream, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stream.done()) {
      String error = stream.error();
      if (error != null) {
        stream.abort();
        throw new CollectiveException("NCCL: " + error);
      }
      if (System.nanoTime() - deadline > 0) {
        stream.abort();
        throw new CollectiveException("NCCL: the sum did not finish within " + words(timeout));
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /**
   * Runs {@code setUp} on a daemon thread of its own and returns what it returns.
   *
   * @throws CollectiveException what {@code setUp} threw, or the timeout once {@code timeout} has
   *     passed without an answer
   */
  static <T> T setUp(Supplier<T> setUp, Duration timeout) {
    FutureTask<T> task = new FutureTask<>(setUp::get);
    Thread thread = new Thread(task, "nccl-set-up");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new CollectiveException("NCCL: the communicator was not set up within " + words(timeout)
          + ": not every worker joined");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new CollectiveException("NCCL: setting up the communicator failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectiveException("NCCL: interrupted while the communicator was set up", e);
    }
  }

  /** "300 ms", "5 s". */
  private static String words(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}

package org.modulardiffusion.distributed;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for work queued on a GPU, as PyTorch's NCCL watchdog does: an NCCL operation waits inside
 * the GPU for its peers, forever if one is gone, so the host polls the stream, asks the
 * communicator for an error of its own, and aborts it once the timeout has passed.
 */
final class StreamWait {
  /** How long the host sleeps between two polls. */
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

  private StreamWait() {}

  /**
   * Returns when {@code stream}'s work has finished.
   *
   * @throws CollectiveException naming the communicator's error, or the timeout once {@code
   *     timeout} has passed; the communicator is aborted then
   */
  static void until(Stream stream, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stream.done()) {
      String error = stream.error();
      if (error != null) {
        stream.abort();
        throw new CollectiveException("NCCL: " + error);
      }
      if (System.nanoTime() - deadline > 0) {
        stream.abort();
        long millis = timeout.toMillis();
        throw new CollectiveException("NCCL: the sum did not finish within "
            + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms"));
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}

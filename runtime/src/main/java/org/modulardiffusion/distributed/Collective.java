package org.modulardiffusion.distributed;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of processes (ranks) connected in a full TCP mesh by Gloo, for data-parallel
 * training: sums gradients across ranks in place, broadcasts parameters, and waits at barriers.
 *
 * <p>Buffers must be direct and writable: the native side works on their memory, with no copy.
 * For a DJL PyTorch array that means {@code array.toByteBuffer(true)} of a contiguous CPU array;
 * the no-argument {@code toByteBuffer()} returns a heap copy, and writing it changes nothing.
 *
 * <p>Every operation waits at most the group's timeout for its peers; on failure (a peer died,
 * stalled, or a connection broke) it throws {@link CollectiveException} and the group is broken:
 * later operations throw at once.
 *
 * <p>The operations run in a native library of ours, which the runtime's build compiles on Linux
 * where g++ and libgloo-dev are installed; {@link #available()} says whether it loaded here, and
 * {@link #unavailableReason()} why not.
 */
public final class Collective implements AutoCloseable {
  /**
   * System property: the path of a collective library to load instead of the one in the
   * runtime's jar.
   */
  public static final String LIBRARY_PROPERTY = "modulardiffusion.collective.library";

  private final int rank;
  private final int size;
  private long handle;
  private String broken;

  private Collective(int rank, int size, long handle) {
    this.rank = rank;
    this.size = size;
    this.handle = handle;
  }

  /**
   * Whether the collective library loaded in this JVM (loading it on the first call).
   *
   * @return whether it loaded
   */
  public static boolean available() {
    return unavailableReason().isEmpty();
  }

  /**
   * Why the collective library did not load in this JVM, in words that say what to install or
   * set; empty where it loaded.
   *
   * @return the reason, or empty
   */
  public static Optional<String> unavailableReason() {
    return CollectiveLibrary.unavailableReason();
  }

  /**
   * Connects rank {@code rank} of {@code size}: listens on {@code hostname} (an address the other
   * ranks can reach), publishes its address in {@code store}, and connects to every other rank.
   * {@code timeout} bounds the rendezvous and every later operation.
   *
   * @param rank this process's rank, in [0, size)
   * @param size the number of ranks, ≥ 1
   * @param hostname the address to listen on
   * @param store the rendezvous store, shared by all ranks
   * @param timeout the longest wait of the rendezvous and of each operation
   * @return the connected group, which the caller closes
   * @throws CollectiveException if the rendezvous fails, or the collective library is not
   *     available (with {@link #unavailableReason()})
   */
  public static Collective connect(int rank, int size, String hostname, KeyValueStore store, Duration timeout) {
    if (size < 1 || rank < 0 || rank >= size) {
      throw new IllegalArgumentException("rank " + rank + " of " + size);
    }
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(store, "store");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout " + timeout + " is not positive");
    }
    unavailableReason().ifPresent(reason -> {
      throw new CollectiveException("rank " + rank + " of " + size + " cannot connect: " + reason);
    });
    return new Collective(rank, size, connect(rank, size, hostname, store, timeout.toMillis()));
  }

  /**
   * This process's rank in the group, from 0.
   *
   * @return the rank, in [0, {@link #size()})
   */
  public int rank() {
    return rank;
  }

  /**
   * The number of ranks in the group.
   *
   * @return the number of ranks, ≥ 1
   */
  public int size() {
    return size;
  }

  /**
   * Replaces the floats between the buffer's position and limit with their sum over all ranks.
   *
   * @param floats a direct, writable buffer of floats, changed in place
   */
  public synchronized void allReduceSum(ByteBuffer floats) {
    checkUsable();
    checkWritable(floats);
    if (floats.remaining() % Float.BYTES != 0) {
      throw new IllegalArgumentException("not a whole number of floats: " + floats.remaining() + " bytes");
    }
    run(() -> allReduceSum(handle, floats, floats.position(), floats.remaining() / Float.BYTES));
  }

  /**
   * Replaces the bytes between the buffer's position and limit with those of rank {@code root}.
   *
   * @param bytes a direct, writable buffer, changed in place on every rank but the root
   * @param root the rank whose bytes every rank gets
   */
  public synchronized void broadcast(ByteBuffer bytes, int root) {
    checkUsable();
    checkWritable(bytes);
    if (root < 0 || root >= size) {
      throw new IllegalArgumentException("root " + root + " of " + size);
    }
    run(() -> broadcast(handle, bytes, bytes.position(), bytes.remaining(), root));
  }

  /** Returns when every rank has called it. */
  public synchronized void barrier() {
    checkUsable();
    run(() -> barrier(handle));
  }

  /** Closes the connections; safe after a failure, and to call twice. */
  @Override
  public synchronized void close() {
    if (handle != 0) {
      long closing = handle;
      handle = 0;
      close(closing);
    }
  }

  private void checkUsable() {
    if (handle == 0) {
      throw new IllegalStateException("collective closed");
    }
    if (broken != null) {
      throw new CollectiveException("collective broken by an earlier failure: " + broken);
    }
  }

  private static void checkWritable(ByteBuffer buffer) {
    if (!buffer.isDirect()) {
      throw new IllegalArgumentException("buffer not direct; for a DJL array use toByteBuffer(true)");
    }
    if (buffer.isReadOnly()) {
      throw new IllegalArgumentException("buffer read-only; the result is written into it");
    }
  }

  private void run(Runnable operation) {
    try {
      operation.run();
    } catch (CollectiveException e) {
      broken = e.getMessage();
      throw new CollectiveException("rank " + rank + " of " + size + ": " + e.getMessage(), e);
    }
  }

  private static native long connect(int rank, int size, String hostname, KeyValueStore store, long timeoutMillis);

  private static native void allReduceSum(long handle, ByteBuffer buffer, long offset, long count);

  private static native void broadcast(long handle, ByteBuffer buffer, long offset, long bytes, int root);

  private static native void barrier(long handle);

  private static native void close(long handle);
}

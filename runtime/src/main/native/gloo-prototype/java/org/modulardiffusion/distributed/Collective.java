package org.modulardiffusion.distributed;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A group of processes (ranks) connected in a full TCP mesh by Gloo, for data-parallel
 * training: sums gradients across ranks in place, broadcasts parameters, and waits at barriers.
 *
 * <p>Buffers must be direct: the native side works on their memory, with no copy. For a DJL
 * PyTorch array that means {@code array.toByteBuffer(true)} of a contiguous CPU array; the
 * no-argument {@code toByteBuffer()} returns a heap copy, and writing it changes nothing.
 *
 * <p>Every operation waits at most the group's timeout for its peers; on failure (a peer died,
 * stalled, or a connection broke) it throws {@link CollectiveException} and the group is broken:
 * later operations throw at once.
 */
public final class Collective implements AutoCloseable {
  /** System property: absolute path of the native library; else {@code mdcollective} on java.library.path. */
  public static final String LIBRARY_PROPERTY = "modulardiffusion.collective.library";

  static {
    String path = System.getProperty(LIBRARY_PROPERTY);
    if (path != null) {
      System.load(path);
    } else {
      System.loadLibrary("mdcollective");
    }
  }

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
   * Connects rank {@code rank} of {@code size}: listens on {@code hostname} (an address the other
   * ranks can reach), publishes its address in {@code store}, and connects to every other rank.
   * {@code timeout} bounds the rendezvous and every later operation.
   */
  public static Collective connect(int rank, int size, String hostname, KeyValueStore store, Duration timeout) {
    if (size < 1 || rank < 0 || rank >= size) {
      throw new IllegalArgumentException("rank " + rank + " of " + size);
    }
    return new Collective(rank, size, connect(rank, size, hostname, store, timeout.toMillis()));
  }

  public int rank() {
    return rank;
  }

  public int size() {
    return size;
  }

  /** Replaces the floats between the buffer's position and limit with their sum over all ranks. */
  public synchronized void allReduceSum(ByteBuffer floats) {
    check(floats);
    if (floats.remaining() % Float.BYTES != 0) {
      throw new IllegalArgumentException("not a whole number of floats: " + floats.remaining() + " bytes");
    }
    run(() -> allReduceSum(handle, floats, floats.position(), floats.remaining() / Float.BYTES));
  }

  /** Replaces the bytes between the buffer's position and limit with those of rank {@code root}. */
  public synchronized void broadcast(ByteBuffer bytes, int root) {
    check(bytes);
    if (root < 0 || root >= size) {
      throw new IllegalArgumentException("root " + root + " of " + size);
    }
    run(() -> broadcast(handle, bytes, bytes.position(), bytes.remaining(), root));
  }

  /** Returns when every rank has called it. */
  public synchronized void barrier() {
    check(null);
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

  private void check(ByteBuffer buffer) {
    if (handle == 0) {
      throw new IllegalStateException("collective closed");
    }
    if (broken != null) {
      throw new CollectiveException("collective broken by an earlier failure: " + broken);
    }
    if (buffer != null && !buffer.isDirect()) {
      throw new IllegalArgumentException("buffer not direct; for a DJL array use toByteBuffer(true)");
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

package org.modulardiffusion.distributed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;

/**
 * One rank of a prototype test; start one process per rank:
 *
 * <pre>java ... TwoProcessDriver MODE RANK SIZE MASTER_ADDR MASTER_PORT [TIMEOUT_MS]</pre>
 *
 * MODE: check (DJL in-place checks, allreduce/broadcast/barrier), bench (timings), fault (loop
 * allreduce until a peer is killed or stopped), faultidle (the same with 1 s pauses between
 * operations, so the peer dies while this rank is idle), check-libfirst (check, with our library
 * loaded before DJL), smoke (no DJL, any number of ranks), alone (rendezvous with a missing peer).
 */
public final class TwoProcessDriver {
  private static int rank;

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    rank = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]);
    String address = args[3];
    int port = Integer.parseInt(args[4]);
    Duration timeout = Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 5000);
    log("pid " + ProcessHandle.current().pid() + " mode " + mode);

    NDManager manager = null;
    if (mode.equals("check-libfirst")) {
      // The other order: our library (and libgloo.so.0) first, DJL's libtorch_cpu.so after.
      Class.forName(Collective.class.getName());
      log("loaded " + System.getProperty(Collective.LIBRARY_PROPERTY) + " before DJL");
      mode = "check";
    }
    if (mode.equals("check")) {
      // Load DJL's PyTorch engine (libtorch_cpu.so, with its own gloo) before our library.
      Engine engine = Engine.getEngine("PyTorch");
      log("DJL engine " + engine.getEngineName() + " " + engine.getVersion());
      manager = NDManager.newBaseManager(Device.cpu());
      checkDjlBuffers(manager);
    }

    long start = System.nanoTime();
    try (KeyValueStore store = TcpStore.forRank(rank, address, port, timeout);
        Collective group = Collective.connect(rank, size, address, store.withPrefix("run0/"), timeout)) {
      log(String.format("connected in %.1f ms", (System.nanoTime() - start) / 1e6));
      switch (mode) {
        case "check" -> check(group, manager);
        case "bench" -> bench(group);
        case "fault" -> fault(group, 0);
        case "faultidle" -> fault(group, 1000);
        case "smoke" -> smoke(group);
        default -> log("connected; nothing else to do");
      }
    } catch (CollectiveException e) {
      log(String.format("CollectiveException after %.1f ms: %s", (System.nanoTime() - start) / 1e6, e.getMessage()));
      System.exit(3);
    }
    if (manager != null) {
      manager.close();
    }
    log("exit normally");
  }

  /** What DJL's toByteBuffer gives, and whether writing through it changes the array. */
  private static void checkDjlBuffers(NDManager m) {
    NDArray a = m.create(new float[] {1, 2, 3, 4});
    ByteBuffer copy = a.toByteBuffer();
    copy.putFloat(0, 100);
    log("toByteBuffer(): direct=" + copy.isDirect() + ", write visible=" + (a.getFloat(0) == 100));
    ByteBuffer direct = a.toByteBuffer(true);
    direct.putFloat(0, 100);
    log("toByteBuffer(true): direct=" + direct.isDirect() + " order=" + direct.order() + ", write visible=" + (a.getFloat(0) == 100));

    NDArray transposed = m.arange(6f).reshape(2, 3).transpose();
    ByteBuffer t = transposed.toByteBuffer(true);
    t.putFloat(0, -1);
    log("transposed (not contiguous): direct=" + t.isDirect() + ", write visible=" + (transposed.getFloat(0, 0) == -1));

    NDArray flat = m.arange(10f);
    NDArray slice = flat.get(new NDIndex().addSliceDim(2, 5));
    ByteBuffer s = slice.toByteBuffer(true);
    s.putFloat(0, 42);
    log("slice 2:5 of a flat array: capacity=" + s.capacity() + " bytes, write visible in flat[2]=" + (flat.getFloat(2) == 42));

    NDArray doubles = m.create(new double[] {1, 2});
    log("float64 array: toByteBuffer(true) capacity=" + doubles.toByteBuffer(true).capacity()
        + " bytes (raw bytes; the caller must check getDataType()==FLOAT32)");
  }

  private static void check(Collective group, NDManager m) throws Exception {
    int n = 1000;
    // A real DJL gradient: x = (rank+1) * arange(n), loss = sum(x^2), grad = 2x.
    NDArray x = m.arange(0f, n).mul(rank + 1);
    x.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(x.mul(x).sum());
    }
    NDArray gradient = x.getGradient();
    log("gradient dtype=" + gradient.getDataType() + " shape=" + gradient.getShape());
    ByteBuffer buffer = gradient.toByteBuffer(true);
    group.allReduceSum(buffer);
    // Sum over ranks r of 2 (r+1) i = 2 i * size(size+1)/2.
    int size = group.size();
    float[] after = x.getGradient().toFloatArray();
    boolean ok = true;
    for (int i = 0; i < n; i++) {
      ok &= after[i] == 2f * i * size * (size + 1) / 2;
    }
    log("allreduce in place on x.getGradient(): correct=" + ok + " (grad[3]=" + after[3] + ")");

    // Broadcast rank 0's array into everyone's, in place.
    NDArray values = m.full(new Shape(5), rank + 10f, DataType.FLOAT32);
    group.broadcast(values.toByteBuffer(true), 0);
    log("broadcast from 0: " + Arrays.toString(values.toFloatArray()));

    // A slice of a flat parameter buffer (as ParameterBuffer keeps them), reduced in place.
    NDArray flat = m.ones(new Shape(10));
    NDArray part = flat.get(new NDIndex().addSliceDim(4, 8));
    group.allReduceSum(part.toByteBuffer(true));
    log("allreduce of slice 4:8 of ones: " + Arrays.toString(flat.toFloatArray()));

    // Barrier: rank 1 arrives 1 s late; rank 0 should wait about 1 s.
    if (rank == 1) {
      Thread.sleep(1000);
    }
    long start = System.nanoTime();
    group.barrier();
    log(String.format("barrier waited %.1f ms", (System.nanoTime() - start) / 1e6));
  }

  /** Without DJL, any number of ranks: allreduce, broadcast, barrier on plain direct buffers. */
  private static void smoke(Collective group) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1000 * Float.BYTES).order(ByteOrder.nativeOrder());
    for (int i = 0; i < 1000; i++) {
      buffer.putFloat(i * 4, rank + 1);
    }
    group.allReduceSum(buffer);
    float expected = group.size() * (group.size() + 1) / 2f;
    log("allreduce: " + buffer.getFloat(0) + " (expected " + expected + ") " + buffer.getFloat(999 * 4));
    ByteBuffer bytes = ByteBuffer.allocateDirect(3);
    bytes.put(0, (byte) rank).put(1, (byte) rank).put(2, (byte) rank);
    group.broadcast(bytes, group.size() - 1);
    log("broadcast from last rank: " + bytes.get(0) + "," + bytes.get(1) + "," + bytes.get(2));
    group.barrier();
    log("barrier passed");
  }

  private static void bench(Collective group) {
    for (int n : new int[] {1, 258_000, 10_000_000}) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
      int reps = n >= 1_000_000 ? 7 : n >= 100_000 ? 50 : 1000;
      double[] ms = new double[reps];
      for (int warm = 0; warm < 3; warm++) {
        group.allReduceSum(buffer);
      }
      group.barrier();
      for (int r = 0; r < reps; r++) {
        for (int i = 0; i < n; i++) {
          buffer.putFloat(i * 4, 1f);
        }
        group.barrier();
        long start = System.nanoTime();
        group.allReduceSum(buffer);
        ms[r] = (System.nanoTime() - start) / 1e6;
      }
      boolean ok = buffer.getFloat(0) == group.size() && buffer.getFloat((n - 1) * 4) == group.size();
      Arrays.sort(ms);
      double median = ms[reps / 2];
      log(String.format("allreduce %,d floats x%d: median %.3f ms, min %.3f, max %.3f, %.2f GB/s (bytes/median), correct=%b",
          n, reps, median, ms[0], ms[reps - 1], n * 4.0 / median / 1e6, ok));
      // Back to back, no barrier in between: the steady rate of a training loop.
      group.barrier();
      long start = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        group.allReduceSum(buffer);
      }
      log(String.format("  back-to-back x%d: mean %.3f ms per allreduce", reps, (System.nanoTime() - start) / 1e6 / reps));
    }
  }

  private static void fault(Collective group, long pauseMillis) throws InterruptedException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(1_000_000 * Float.BYTES);
    long i = 0;
    long start = 0;
    try {
      while (true) {
        start = System.nanoTime();
        group.allReduceSum(buffer);
        if (++i % 200 == 0 || pauseMillis > 0) {
          log("ok " + i);
        }
        Thread.sleep(pauseMillis);
      }
    } catch (CollectiveException e) {
      log(String.format("FAILED at epoch_ms=%d after %.1f ms in the failing allreduce (op #%d): %s",
          System.currentTimeMillis(), (System.nanoTime() - start) / 1e6, i + 1, e.getMessage()));
    }
    try {
      group.allReduceSum(buffer);
    } catch (CollectiveException e) {
      log("next op: " + e.getMessage());
    }
    long close = System.nanoTime();
    group.close();
    log(String.format("closed in %.1f ms; JVM alive", (System.nanoTime() - close) / 1e6));
  }

  private static void log(String message) {
    System.out.println("[rank " + rank + " " + System.currentTimeMillis() + "] " + message);
    System.out.flush();
  }
}

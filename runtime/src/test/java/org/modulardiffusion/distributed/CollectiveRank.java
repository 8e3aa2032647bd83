package org.modulardiffusion.distributed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One rank of {@link CollectiveTest}, in a JVM of its own ({@link RankProcess}): connects to the
 * test's store and runs a scenario, printing what it sees as lines {@code name: value …}.
 *
 * <pre>CollectiveRank arrays|loop RANK SIZE STORE_PORT TIMEOUT_MILLIS</pre>
 */
final class CollectiveRank {
  private CollectiveRank() {}

  /** What rank {@code rank} contributes at index {@code i}: whole or half numbers, so every sum is exact. */
  static float value(int rank, int i) {
    return (rank + 1) * i + 0.5f * rank;
  }

  public static void main(String[] args) {
    String scenario = args[0];
    int rank = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]);
    int port = Integer.parseInt(args[3]);
    Duration timeout = Duration.ofMillis(Long.parseLong(args[4]));
    try (TcpStore store = TcpStore.connect("127.0.0.1", port, timeout);
        Collective group = Collective.connect(rank, size, "127.0.0.1", store, timeout)) {
      switch (scenario) {
        case "arrays" -> arrays(group);
        case "loop" -> loop(group);
        default -> throw new IllegalArgumentException("no scenario " + scenario);
      }
    }
    System.out.println("exit: normally");
  }

  /**
   * DJL's memory, reduced in place through {@code toByteBuffer(true)}: a gradient, as the training
   * loop reduces the flat gradient, and a slice of a flat array, as the parameter buffer's views
   * are; then rank 0's array broadcast into every rank's.
   */
  private static void arrays(Collective group) {
    int rank = group.rank();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      // loss = sum(x²) / 2, so the gradient is x itself.
      NDArray x = manager.create(values(rank, 1000));
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(x.mul(x).sum().div(2));
      }
      try (NDArray gradient = x.getGradient()) {
        group.allReduceSum(gradient.toByteBuffer(true));
      }
      try (NDArray gradient = x.getGradient()) {
        print("gradient", gradient.toFloatArray());
      }

      NDArray flat = manager.create(values(rank, 10));
      group.allReduceSum(flat.get(new NDIndex().addSliceDim(4, 8)).toByteBuffer(true));
      print("flat", flat.toFloatArray());

      NDArray broadcast = manager.create(values(rank, 5));
      group.broadcast(broadcast.toByteBuffer(true), 0);
      print("broadcast", broadcast.toFloatArray());
    }
    group.barrier();
    System.out.println("barrier: passed");
  }

  /** All-reduces until a peer is gone; says when it runs, then what failed and what came after. */
  private static void loop(Collective group) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(100_000 * Float.BYTES);
    group.allReduceSum(buffer);
    System.out.println("running: yes");
    try {
      while (true) {
        group.allReduceSum(buffer);
      }
    } catch (CollectiveException e) {
      System.out.println("failed: " + e.getMessage());
    }
    try {
      group.allReduceSum(buffer);
    } catch (CollectiveException e) {
      System.out.println("then: " + e.getMessage());
    }
  }

  private static float[] values(int rank, int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = value(rank, i);
    }
    return values;
  }

  private static void print(String name, float[] values) {
    StringBuilder line = new StringBuilder(name).append(':');
    for (float value : values) {
      line.append(' ').append(value);
    }
    System.out.println(line);
  }
}

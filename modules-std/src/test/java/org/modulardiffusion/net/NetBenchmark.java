package org.modulardiffusion.net;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.modulardiffusion.base.Net;

/**
 * Measures forward plus backward time per batch of the standard nets on the default device:
 * UNet(1, 32, 64) on 64 images of 1×28×28 and Transformer(32, 256, 4, 8) on 32 sequences of 64.
 * Not a test; run its {@code main} on the test class path.
 */
public final class NetBenchmark {
  private static final int WARMUP = 2;
  private static final int STEPS = 5;

  private NetBenchmark() {}

  public static void main(String[] args) {
    System.out.println("threads: torch default, cores: " + Runtime.getRuntime().availableProcessors());
    measure("UNet(1, 32, 64), batch 64, 1×28×28", UNet.of(1, 32, 64), new Shape(64, 1, 28, 28));
    measure(
        "Transformer(32, depth 4, width 256, heads 8), batch 32, length 64",
        new Transformer(32, 0, 1, 4, 256, 8),
        new Shape(32, 64, 32));
  }

  private static void measure(String name, Net net, Shape shape) {
    try (NDManager manager = NDManager.newBaseManager()) {
      long batch = shape.get(0);
      net.initialize(manager, DataType.FLOAT32, shape, new Shape(batch), new Shape(batch));
      ParameterStore store = new ParameterStore(manager, false);
      double[] millis = new double[STEPS];
      for (int i = -WARMUP; i < STEPS; i++) {
        try (NDManager step = manager.newSubManager();
            NDScope scope = new NDScope();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray x = step.randomNormal(shape);
          NDArray y = step.zeros(new Shape(batch), DataType.INT64);
          NDArray t = step.randomInteger(1, 1000, new Shape(batch), DataType.INT64);
          long start = System.nanoTime();
          NDArray hat = net.forward(store, x, y, t, true);
          collector.backward(hat.square().mean());
          if (i >= 0) {
            millis[i] = (System.nanoTime() - start) / 1e6;
          }
        }
      }
      Arrays.sort(millis);
      System.out.printf("%s: median %.0f ms per batch (min %.0f, max %.0f, %d runs)%n",
          name, millis[STEPS / 2], millis[0], millis[STEPS - 1], STEPS);
    }
  }
}

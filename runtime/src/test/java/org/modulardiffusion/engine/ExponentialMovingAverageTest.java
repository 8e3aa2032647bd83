package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ExponentialMovingAverageTest {

  @Test
  void followsTheWeightsWithTheWarmedUpDecay() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weights = manager.create(new float[] {1, 2});
      try (ExponentialMovingAverage ema = new ExponentialMovingAverage(weights, 0.5)) {
        // d_n = min(0.5, (1 + n) / (10 + n)): 2/11, 3/12, …, 8/17, then 0.5 from update 8 on (9/18).
        double d1 = 2.0 / 11;
        double a = 1 + (1 - d1) * (3 - 1);
        double b = 2 + (1 - d1) * (6 - 2);
        ema.update(manager.create(new float[] {3, 6}));
        assertArrayEquals(new float[] {(float) a, (float) b}, ema.average().toFloatArray(), 1e-6f);
        a += 0.75 * (0 - a);
        b += 0.75 * (0 - b);
        ema.update(manager.create(new float[] {0, 0}));
        assertArrayEquals(new float[] {(float) a, (float) b}, ema.average().toFloatArray(), 1e-6f);
        for (int n = 3; n <= 20; n++) {
          double d = n < 8 ? (1.0 + n) / (10 + n) : 0.5;
          a += (1 - d) * (4 - a);
          b += (1 - d) * (4 - b);
          ema.update(manager.create(new float[] {4, 4}));
        }
        assertArrayEquals(new float[] {(float) a, (float) b}, ema.average().toFloatArray(), 1e-6f);
        assertEquals(20, ema.updates());
        assertEquals(0.5, ema.decayOf(20), 0);
      }
      assertArrayEquals(new float[] {1, 2}, weights.toFloatArray(), "the weights themselves stay as they are");
    }
  }

  @Test
  void restoresASavedAverageInPlace() {
    try (NDManager manager = NDManager.newBaseManager();
        ExponentialMovingAverage ema = new ExponentialMovingAverage(manager.zeros(new Shape(3)), 0.9)) {
      NDArray before = ema.average();
      ema.restore(manager.create(new float[] {1, 2, 3}), 7);
      assertArrayEquals(new float[] {1, 2, 3}, before.toFloatArray());
      assertEquals(7, ema.updates());
    }
  }
}

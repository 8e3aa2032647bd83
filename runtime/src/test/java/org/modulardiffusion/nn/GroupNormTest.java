package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class GroupNormTest {

  @Test
  void normalizesEachGroupThenScalesAndShiftsEachChannel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GroupNorm norm = new GroupNorm(2);
      Shape shape = new Shape(1, 4, 1, 2);
      norm.initialize(manager, DataType.FLOAT32, shape);
      norm.getParameters().get("gamma").getArray().set(new float[] {1, 2, 3, 4});
      norm.getParameters().get("beta").getArray().set(new float[] {0, 1, 0, -1});
      // Group 0 holds channels 0 and 1: {1, 3, 5, 7}, mean 4, variance 5.
      // Group 1 holds channels 2 and 3: {0, 0, 2, -2}, mean 0, variance 2.
      float[] x = {1, 3, 5, 7, 0, 0, 2, -2};
      double s0 = Math.sqrt(5 + 1e-5);
      double s1 = Math.sqrt(2 + 1e-5);
      float[] expected = {
        (float) (-3 / s0), (float) (-1 / s0),
        (float) (2 * 1 / s0 + 1), (float) (2 * 3 / s0 + 1),
        0, 0,
        (float) (4 * 2 / s1 - 1), (float) (4 * -2 / s1 - 1)
      };
      float[] actual =
          norm.forward(new ParameterStore(manager, false), manager.create(x, shape), false).toFloatArray();
      assertArrayEquals(expected, actual, 1e-5f);
    }
  }

  @Test
  void hasOneScaleAndOneShiftPerChannel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GroupNorm norm = new GroupNorm(4);
      norm.initialize(manager, DataType.FLOAT32, new Shape(2, 8, 3, 3));
      assertEquals(16, norm.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
    }
  }
}

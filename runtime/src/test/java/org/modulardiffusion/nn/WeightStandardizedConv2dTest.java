package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class WeightStandardizedConv2dTest {

  @Test
  void convolvesWithTheStandardizedKernel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      WeightStandardizedConv2d conv = new WeightStandardizedConv2d(1, 2, 0);
      Shape shape = new Shape(1, 1, 2, 3);
      conv.initialize(manager, DataType.FLOAT32, shape);
      conv.getParameters().get("weight").getArray().set(new float[] {1, 2, 3, 4});
      conv.getParameters().get("bias").getArray().set(new float[] {0.5f});
      // Kernel {1, 2, 3, 4}: mean 2.5, variance 1.25, standardized {-1.5, -0.5, 0.5, 1.5} / sqrt(1.25).
      // Image rows {1, 2, 0} and {3, 5, 1}; two 2×2 windows.
      double s = Math.sqrt(1.25);
      float[] expected = {
        (float) ((-1.5 * 1 - 0.5 * 2 + 0.5 * 3 + 1.5 * 5) / s + 0.5),
        (float) ((-1.5 * 2 - 0.5 * 0 + 0.5 * 5 + 1.5 * 1) / s + 0.5)
      };
      var y = conv.forward(
          new ParameterStore(manager, false), manager.create(new float[] {1, 2, 0, 3, 5, 1}, shape), false);
      assertEquals(new Shape(1, 1, 1, 2), y.getShape());
      assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
    }
  }

  @Test
  void keepsTheImageSizeWithPaddingAndHasAConvolutionsParameters() {
    try (NDManager manager = NDManager.newBaseManager()) {
      WeightStandardizedConv2d conv = new WeightStandardizedConv2d(5, 3, 1);
      conv.initialize(manager, DataType.FLOAT32, new Shape(2, 4, 7, 6));
      var y = conv.forward(
          new ParameterStore(manager, false), manager.randomNormal(new Shape(2, 4, 7, 6)), false);
      assertEquals(new Shape(2, 5, 7, 6), y.getShape());
      assertEquals(5 * 4 * 9 + 5, conv.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
    }
  }
}

package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

class InitializationTest {

  @Test
  void drawsWeightsUniformlyWithinOneOverRootFanIn() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Linear linear = Linear.builder().setUnits(200).build();
      Initialization.likePyTorch(linear);
      linear.initialize(manager, DataType.FLOAT32, new Shape(1, 100));
      NDArray w = linear.getParameters().get("weight").getArray();
      // U(−0.1, 0.1): |w| ≤ 0.1 and variance 0.1² / 3; 20,000 draws put it within 3%.
      assertTrue(w.abs().max().getFloat() <= 0.1f);
      assertEquals(0.01 / 3, w.square().mean().getFloat(), 0.01 / 3 * 0.03);
      assertEquals(0, linear.getParameters().get("bias").getArray().abs().max().getFloat());
    }
  }
}

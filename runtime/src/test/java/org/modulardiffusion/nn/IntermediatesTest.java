package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class IntermediatesTest {

  @Test
  void closesWhatThePartMadeButItsResultAndAutogradKeepsWhatItSaved() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {2, -3});
      x.setRequiresGradient(true);
      NDArray[] square = new NDArray[1];
      NDArray cube;
      try (NDScope step = new NDScope();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        cube = Intermediates.freed(() -> {
          square[0] = x.mul(x);
          return square[0].mul(x);
        });
        assertTrue(square[0].isReleased());
        assertFalse(cube.isReleased());
        // d/dx Σ x² · x = x² + x · 2x = 3x²: the product's backward reads the closed x².
        collector.backward(cube.sum());
        assertArrayEquals(new float[] {8, -27}, cube.toFloatArray());
        assertArrayEquals(new float[] {12, 27}, x.getGradient().toFloatArray());
      }
      assertTrue(cube.isReleased(), "the enclosing scope closes the result");
      assertFalse(x.isReleased());
    }
  }

  @Test
  void closesWhatThePartMadeWhenItFails() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1, 2});
      NDArray[] sum = new NDArray[1];
      IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Intermediates.freed(() -> {
        sum[0] = x.add(x);
        throw new IllegalStateException("the part failed");
      }));
      assertEquals("the part failed", failure.getMessage());
      assertTrue(sum[0].isReleased());
      assertFalse(x.isReleased());
    }
  }
}

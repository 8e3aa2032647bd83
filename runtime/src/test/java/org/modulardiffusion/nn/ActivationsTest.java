package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ActivationsTest {

  @Test
  void siluIsXTimesSigmoidOfX() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] expected = {0, (float) (1 / (1 + Math.exp(-1))), (float) (-2 / (1 + Math.exp(2)))};
      assertArrayEquals(
          expected, Activations.silu(manager.create(new float[] {0, 1, -2})).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void fastGeluIsXTimesSigmoidOf1702X() {
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] expected = {(float) (2 / (1 + Math.exp(-3.404))), (float) (-1 / (1 + Math.exp(1.702)))};
      assertArrayEquals(
          expected, Activations.fastGelu(manager.create(new float[] {2, -1})).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void scalingPassesTheFactorBackToTheGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1, -4});
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(Scalars.times(x, 3).sum());
      }
      assertArrayEquals(new float[] {3, 3}, x.getGradient().toFloatArray());
    }
  }
}

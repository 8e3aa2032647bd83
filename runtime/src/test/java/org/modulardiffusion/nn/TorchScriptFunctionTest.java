package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class TorchScriptFunctionTest {

  @Test
  void callsTheBuiltinWithItsConstantsAndPassesGradientsBack() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchScriptFunction function = TorchScriptFunction.of("torch.add(x, y, alpha=3)", "x", "y");
      NDArray x = manager.create(new float[] {1, -2});
      NDArray y = manager.create(new float[] {0.5f, 4});
      x.setRequiresGradient(true);
      y.setRequiresGradient(true);
      NDArray z;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        z = function.apply(x, y);
        // d/dx Σ w (x + 3y) = w, d/dy = 3w.
        collector.backward(z.mul(manager.create(new float[] {1, 10})).sum());
      }
      assertArrayEquals(new float[] {1 + 1.5f, -2 + 12}, z.toFloatArray());
      assertArrayEquals(new float[] {1, 10}, x.getGradient().toFloatArray());
      assertArrayEquals(new float[] {3, 30}, y.getGradient().toFloatArray());
      assertSame(manager, z.getManager());
    }
  }
}

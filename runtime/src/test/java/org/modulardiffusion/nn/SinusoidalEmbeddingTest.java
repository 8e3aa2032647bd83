package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SinusoidalEmbeddingTest {

  @Test
  void interleavesSinesAndCosinesOfGeometricFrequencies() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SinusoidalEmbedding embedding = new SinusoidalEmbedding(4);
      embedding.initialize(manager, DataType.FLOAT32, new Shape(2));
      // Frequencies 10000^0 = 1 and 10000^(-1/2) = 0.01.
      assertArrayEquals(
          new float[] {1, 0.01f}, embedding.getParameters().get("frequencies").getArray().toFloatArray(), 1e-7f);
      NDArray t = manager.create(new long[] {0, 2});
      float[] expected = {
        0, 1, 0, 1,
        (float) Math.sin(2), (float) Math.cos(2), (float) Math.sin(0.02), (float) Math.cos(0.02)
      };
      assertArrayEquals(
          expected, embedding.forward(new ParameterStore(manager, false), t, false).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void trainsItsFrequencies() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SinusoidalEmbedding embedding = new SinusoidalEmbedding(2);
      embedding.initialize(manager, DataType.FLOAT32, new Shape(2));
      NDArray w = embedding.getParameters().get("frequencies").getArray();
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray t = manager.create(new float[] {1, 3});
        collector.backward(embedding.forward(new ParameterStore(manager, false), t, true).sum());
      }
      // d/dw Σ_t (sin wt + cos wt) = Σ_t t (cos wt − sin wt), at w = 1.
      float expected = (float) ((Math.cos(1) - Math.sin(1)) + 3 * (Math.cos(3) - Math.sin(3)));
      assertArrayEquals(new float[] {expected}, w.getGradient().toFloatArray(), 1e-5f);
    }
  }
}

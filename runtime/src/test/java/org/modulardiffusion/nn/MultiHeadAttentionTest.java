package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {

  @Test
  void eachHeadAveragesValuesBySoftmaxOfScaledDotProducts() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiHeadAttention attention = new MultiHeadAttention(2, 2);
      Shape shape = new Shape(1, 2, 2);
      attention.initialize(manager, DataType.FLOAT32, shape);
      var parameters = attention.getParameters();
      // Queries, keys and values are x itself; the output map is the identity.
      parameters.get("01projection_weight").getArray().set(new float[] {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1});
      parameters.get("01projection_bias").getArray().set(new float[6]);
      parameters.get("02output_weight").getArray().set(new float[] {1, 0, 0, 1});
      parameters.get("02output_bias").getArray().set(new float[2]);
      // Head h sees the scalars x[0][h], x[1][h] and has scale 1 / sqrt(1):
      // out[i][h] = Σ_j exp(x_i x_j) x_j / Σ_j exp(x_i x_j).
      float[] x = {1, 0, 2, 1};
      double e = Math.E;
      float[] expected = {
        (float) ((e + 2 * e * e) / (e + e * e)), 0.5f,
        (float) ((e * e + 2 * Math.pow(e, 4)) / (e * e + Math.pow(e, 4))), (float) (e / (1 + e))
      };
      float[] actual =
          attention.forward(new ParameterStore(manager, false), manager.create(x, shape), false).toFloatArray();
      assertArrayEquals(expected, actual, 1e-5f);
    }
  }

  @Test
  void hasFourSquaredWidthsPlusFourWidthsParameters() {
    try (NDManager manager = NDManager.newBaseManager()) {
      MultiHeadAttention attention = new MultiHeadAttention(8, 2);
      attention.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8));
      assertEquals(4 * 64 + 4 * 8, attention.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
    }
  }

  @Test
  void attendingOneExampleAtATimeGivesTheSameOutputAndGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(3, 5, 4);
      MultiHeadAttention whole = new MultiHeadAttention(4, 2);
      // Two heads of 5 × 5 scores per example: a budget of 60 scores takes one example at a time.
      MultiHeadAttention chunked = new MultiHeadAttention(4, 2, 60);
      whole.initialize(manager, DataType.FLOAT32, shape);
      chunked.initialize(manager, DataType.FLOAT32, shape);
      whole.getParameters().forEach(p -> chunked.getParameters().get(p.getKey()).getArray().set(p.getValue().getArray().toFloatArray()));
      NDArray x = manager.randomNormal(shape);
      NDArray mix = manager.randomNormal(shape);
      float[][] outputs = new float[2][];
      float[][] gradients = new float[2][];
      MultiHeadAttention[] blocks = {whole, chunked};
      for (int i = 0; i < 2; i++) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray y = blocks[i].forward(new ParameterStore(manager, false), input, true);
          collector.backward(y.mul(mix).sum());
          outputs[i] = y.toFloatArray();
        }
        gradients[i] = input.getGradient().toFloatArray();
      }
      assertArrayEquals(outputs[0], outputs[1], 1e-6f);
      assertArrayEquals(gradients[0], gradients[1], 1e-5f);
    }
  }
}

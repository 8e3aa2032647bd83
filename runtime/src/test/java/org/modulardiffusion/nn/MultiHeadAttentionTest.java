package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
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
      // Recording gradients (training) and not (sampling, one native operation for the block).
      boolean recording = JniUtils.isGradMode();
      try {
        for (boolean record : new boolean[] {true, false}) {
          JniUtils.setGradMode(record);
          float[] actual =
              attention.forward(new ParameterStore(manager, false), manager.create(x, shape), false).toFloatArray();
          assertArrayEquals(expected, actual, 1e-5f, "recording gradients: " + record);
        }
      } finally {
        JniUtils.setGradMode(recording);
      }
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
  void fusedAttentionGivesTheOutputAndGradientsOfSoftmaxOfScaledDotProducts() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(3, 2, 5, 4);
      NDArray[] inputs = {manager.randomNormal(shape), manager.randomNormal(shape), manager.randomNormal(shape)};
      NDArray mix = manager.randomNormal(shape);
      float[][] outputs = new float[2][];
      float[][][] gradients = new float[2][3][];
      for (int way = 0; way < 2; way++) {
        NDArray[] qkv = new NDArray[3];
        for (int i = 0; i < 3; i++) {
          qkv[i] = inputs[i].duplicate();
          qkv[i].setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          // By hand: the scores scaled by 1 / sqrt(4), a softmax over the keys, the weighted values.
          NDArray y =
              way == 0
                  ? MultiHeadAttention.ATTENTION.apply(qkv[0], qkv[1], qkv[2])
                  : qkv[0].div(2).matMul(qkv[1].transpose(0, 1, 3, 2)).softmax(3).matMul(qkv[2]);
          collector.backward(y.mul(mix).sum());
          outputs[way] = y.toFloatArray();
        }
        for (int i = 0; i < 3; i++) {
          gradients[way][i] = qkv[i].getGradient().toFloatArray();
        }
      }
      assertArrayEquals(outputs[1], outputs[0], 1e-5f);
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(gradients[1][i], gradients[0][i], 1e-5f);
      }
    }
  }
}

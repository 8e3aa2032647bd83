package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

  @Test
  void looksUpTheRowOfEachIndex() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Embedding embedding = new Embedding(3, 2);
      embedding.initialize(manager, DataType.FLOAT32, new Shape(4));
      embedding.getParameters().get("table").getArray().set(new float[] {1, 2, 3, 4, 5, 6});
      float[] rows =
          embedding.forward(new ParameterStore(manager, false), manager.create(new long[] {2, 0, 0, 1}), false)
              .toFloatArray();
      assertArrayEquals(new float[] {5, 6, 1, 2, 1, 2, 3, 4}, rows);
    }
  }
}

package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class UpsampleTest {

  @Test
  void repeatsEachPixelIntoABlock() {
    try (NDManager manager = NDManager.newBaseManager()) {
      var x = manager.create(new float[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
      float[] expected = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
      assertArrayEquals(
          expected, new Upsample(2).forward(new ParameterStore(manager, false), x, false).toFloatArray());
    }
  }
}

package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PixelUnshuffleTest {

  @Test
  void foldsEachPatchIntoChannelsRowOffsetFirst() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // Pixel (row, column) of the 4×4 image holds 4 row + column.
      NDArray x = manager.arange(16f).reshape(1, 1, 4, 4);
      NDArray y = new PixelUnshuffle(2).forward(new ParameterStore(manager, false), x, false);
      assertEquals(new Shape(1, 4, 2, 2), y.getShape());
      float[] expected = {
        0, 2, 8, 10, // offset (0, 0)
        1, 3, 9, 11, // offset (0, 1)
        4, 6, 12, 14, // offset (1, 0)
        5, 7, 13, 15 // offset (1, 1)
      };
      assertArrayEquals(expected, y.toFloatArray());
    }
  }
}

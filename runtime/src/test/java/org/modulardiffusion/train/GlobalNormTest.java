package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class GlobalNormTest {

  @Test
  void scalesAGradientAboveTheBoundDownToIt() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // |(3, 4, 0, 12)| = 13; clipped to norm 2.6 it is (3, 4, 0, 12) / 5.
      NDArray gradient = manager.create(new float[] {3, 4, 0, 12});
      NDArray norm = GlobalNorm.clip(new NDList(gradient), 2.6);
      assertEquals(13, norm.getFloat(), 1e-5);
      assertArrayEquals(new float[] {0.6f, 0.8f, 0, 2.4f}, gradient.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void takesTheNormOfAllGradientsTogether() {
    try (NDManager manager = NDManager.newBaseManager()) {
      // |(3, 4)| = 5 and |(12)| = 12 make 13 together; clipped to 6.5, each is halved.
      NDArray first = manager.create(new float[] {3, 4});
      NDArray second = manager.create(new float[] {12});
      assertEquals(13, GlobalNorm.clip(new NDList(first, second), 6.5).getFloat(), 1e-5);
      assertArrayEquals(new float[] {1.5f, 2}, first.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {6}, second.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void leavesAGradientWithinTheBoundAsItIs() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray gradient = manager.create(new float[] {3, 4});
      assertEquals(5, GlobalNorm.clip(new NDList(gradient), 5).getFloat(), 1e-6);
      assertArrayEquals(new float[] {3, 4}, gradient.toFloatArray());
    }
  }
}

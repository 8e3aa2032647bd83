package org.modulardiffusion.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Images cut into patches and put back. */
class PatchesTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void cutsAnImageIntoRowsOfPatches() {
    // One 1×4×4 image holding 0..15 row by row; 2×2 patches, top-left first.
    NDArray image = manager.arange(16f).reshape(1, 1, 4, 4);
    NDArray patches = new Patches(2).encode(image);
    assertArrayEquals(new long[] {1, 4, 4}, patches.getShape().getShape());
    assertArrayEquals(
        new float[] {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}, patches.toFloatArray());
  }

  @Test
  void decodesWhatItEncodes() {
    NDArray images = manager.randomNormal(new Shape(3, 2, 6, 6));
    Patches patches = new Patches(3);
    assertArrayEquals(images.toFloatArray(), patches.decode(patches.encode(images)).toFloatArray());
    assertArrayEquals(new long[] {3, 4, 18}, patches.encode(images).getShape().getShape());
  }

  @Test
  void refusesImagesThatDoNotSplitEvenly() {
    assertThrows(IllegalArgumentException.class, () -> new Patches(3).encode(manager.zeros(new Shape(1, 1, 4, 4))));
  }
}

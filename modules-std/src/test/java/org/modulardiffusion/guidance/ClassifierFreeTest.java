package org.modulardiffusion.guidance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Classifier-free guidance: which labels it hides, and how it combines predictions. */
class ClassifierFreeTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void hidesTheGivenFractionOfLabelsInACopy() {
    long[] labels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    NDArray y = manager.create(labels);
    long[] seen = new ClassifierFree(0.3, 1).dropLabels(y).toLongArray();
    assertEquals(3, Arrays.stream(seen).filter(v -> v == 0).count(), "floor(10 · 0.3) hidden");
    for (int i = 0; i < seen.length; i++) {
      assertEquals(seen[i] == 0 ? 0 : labels[i], seen[i], "a kept label keeps its value");
    }
    assertArrayEquals(labels, y.toLongArray(), "the labels given are unchanged");
  }

  @Test
  void extrapolatesFromTheUnconditionalPrediction() {
    // A net whose prediction is y + t, so hat(z, y) = y + t and hat(z, 0) = t.
    NDArray z = manager.zeros(new ai.djl.ndarray.types.Shape(2));
    NDArray y = manager.create(new long[] {3, 5});
    NDArray t = manager.create(new long[] {10, 20});
    NDArray hat =
        new ClassifierFree(0.1, 2)
            .predict((zz, yy, tt) -> yy.add(tt).toType(DataType.FLOAT32, false).expandDims(0), z, y, t);
    // (1 + 2)(y + t) − 2t = 3y + t.
    assertArrayEquals(new float[] {19, 35}, hat.toFloatArray());
  }

  @Test
  void rejectsADropoutOutsideZeroToOne() {
    assertEquals("dropout: expected a finite value in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new ClassifierFree(1.5, 1)).getMessage());
    assertEquals("strength: expected a finite value in [0, inf], got -1",
        assertThrows(IllegalArgumentException.class, () -> new ClassifierFree(0.1, -1)).getMessage());
  }
}

package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.device.OperationCount;

class ScalarsTest {

  @Test
  void computesWithTheNumberInTheArraysType() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {-2, 0.5f, 3});
      assertArrayEquals(new float[] {-3, 0.75f, 4.5f}, Scalars.times(x, 1.5).toFloatArray());
      assertArrayEquals(new float[] {-8, 2, 12}, Scalars.over(x, 0.25).toFloatArray());
      assertArrayEquals(new float[] {-1.5f, 1, 3.5f}, Scalars.plus(x, 0.5).toFloatArray());
      assertArrayEquals(new float[] {3, 0.5f, -2}, Scalars.minus(1, x).toFloatArray());
      assertArrayEquals(new float[] {-2, 0.5f, 1}, Scalars.atMost(x, 1).toFloatArray());
      assertArrayEquals(new float[] {-1, 0.5f, 3}, Scalars.atLeast(x, -1).toFloatArray());
      NDArray t = manager.create(new long[] {1, 5});
      NDArray earlier = Scalars.plus(t, -1);
      assertEquals(DataType.INT64, earlier.getDataType());
      assertArrayEquals(new long[] {0, 4}, earlier.toLongArray());
    }
  }

  @Test
  void aDifferenceFromANumberLivesOnTheArraysManager() {
    try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
      NDArray x = step.create(new float[] {0.25f});
      assertSame(step, Scalars.minus(1, x).getManager());
    }
  }

  @Test
  void aNumberUsedBeforeCostsNoArray() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1, 2});
      Scalars.times(x, 7.25);
      assertEquals(Map.of("aten::mul", 1), OperationCount.of(() -> Scalars.times(x, 7.25)).byName());
      assertEquals(Map.of("aten::sub", 1), OperationCount.of(() -> Scalars.minus(7.25, x)).byName());
    }
  }
}

package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class ScalarConstantsTest {

  @Test
  void eachNumberAndDataTypeIsMadeOnce() {
    ScalarConstants constants = new ScalarConstants(4);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1});
      NDArray t = manager.create(new long[] {1});
      NDArray one = constants.of(x, 1);
      assertSame(one, constants.of(x, 1));
      assertEquals(DataType.FLOAT32, one.getDataType());
      NDArray longOne = constants.of(t, 1);
      assertNotSame(one, longOne);
      assertEquals(DataType.INT64, longOne.getDataType());
      assertEquals(1L, longOne.getLong());
    }
  }

  @Test
  void keptNumbersOutliveTheScopeThatMadeThem() {
    ScalarConstants constants = new ScalarConstants(4);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1, 2});
      NDArray kept;
      try (NDScope step = new NDScope()) {
        kept = constants.of(x, 0.125);
      }
      assertEquals(0.125f, kept.getFloat());
      assertArrayEquals(new float[] {1.125f, 2.125f}, x.add(constants.of(x, 0.125)).toFloatArray());
    }
  }

  @Test
  void beyondItsCapacityEachCallMakesAnArrayOnTheManagerOfX() {
    ScalarConstants constants = new ScalarConstants(2);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1});
      constants.of(x, 1);
      constants.of(x, 2);
      NDArray three = constants.of(x, 3);
      assertEquals(3f, three.getFloat());
      assertSame(manager, three.getManager());
      assertNotSame(three, constants.of(x, 3));
      assertSame(constants.of(x, 2), constants.of(x, 2));
    }
  }
}

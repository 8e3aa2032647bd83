package org.modulardiffusion.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/** Arrays of examples, [b, …], as one Java row per example, flattened. */
public final class Rows {
  private Rows() {}

  /**
   * The examples of {@code array} as float rows.
   *
   * @param array the examples, [b, …]
   * @return b rows of the other axes' values, flattened
   */
  public static float[][] floats(NDArray array) {
    float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
    float[][] rows = new float[Math.toIntExact(array.getShape().get(0))][];
    int width = rows.length == 0 ? 0 : values.length / rows.length;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
    return rows;
  }

  /**
   * The examples of {@code array} as integer rows, such as token ids.
   *
   * @param array the examples, [b, …]
   * @return b rows of the other axes' values, flattened
   */
  public static long[][] longs(NDArray array) {
    long[] values = array.toType(DataType.INT64, false).toLongArray();
    long[][] rows = new long[Math.toIntExact(array.getShape().get(0))][];
    int width = rows.length == 0 ? 0 : values.length / rows.length;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
    return rows;
  }
}

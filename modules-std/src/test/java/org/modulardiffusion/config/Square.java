package org.modulardiffusion.config;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;

/** A data set of the test's own without an evaluation: the corners of the unit square, repeated. */
@DatasetModule
public final class Square implements InMemoryDataset {
  private final ArrayDataset points;

  public Square(@Param(defaultValue = "64", min = 1, description = "how many points") int count) {
    float[] values = new float[2 * count];
    for (int i = 0; i < count; i++) {
      values[2 * i] = i % 2;
      values[2 * i + 1] = i / 2 % 2;
    }
    this.points = new ArrayDataset(values, new Shape(2), new long[count], DataType.FLOAT32);
  }

  @Override
  public ArrayDataset examples() {
    return points;
  }
}

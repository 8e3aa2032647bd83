package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

/**
 * A trainable table of {@code count} vectors of {@code size} values, drawn at first from N(0, 1);
 * it maps indices y (int64, [b]) to their rows, [b, size].
 */
public final class Embedding extends UnaryBlock {
  private final int size;
  private final Parameter table;

  /**
   * A table of {@code count} rows of {@code size} values.
   *
   * @param count the number of rows; indices run from 0 to count − 1
   * @param size the values of a row
   */
  public Embedding(int count, int size) {
    this.size = size;
    this.table =
        addParameter(
            Parameter.builder()
                .setName("table")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(count, size))
                .optInitializer(new NormalInitializer(1))
                .build());
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray y, boolean training) {
    NDArray rows = parameters.getValue(table, y.getDevice(), training);
    return y.getNDArrayInternal().embedding(y, rows, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(size)};
  }
}

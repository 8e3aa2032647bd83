package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Embeds positions or times t, [b], as [b, size] vectors of interleaved sines and cosines,
 * (sin w_0 t, cos w_0 t, sin w_1 t, cos w_1 t, …), with trainable frequencies [1, size / 2]
 * that start at w_i = base^(−2i / size).
 */
public final class SinusoidalEmbedding extends UnaryBlock {
  private final int size;
  private final Parameter frequencies;

  /**
   * An embedding of {@code size} (even) values with the usual base 10,000.
   *
   * @param size the number of values, even and ≥ 2
   */
  public SinusoidalEmbedding(int size) {
    this(size, 1e4);
  }

  /**
   * An embedding of {@code size} (even) values whose frequencies start at base^(−2i / size).
   *
   * @param size the number of values, even and ≥ 2
   * @param base the base of the frequencies
   */
  public SinusoidalEmbedding(int size, double base) {
    if (size < 2 || size % 2 != 0) {
      throw new IllegalArgumentException("sinusoidal embedding size must be even and positive, got " + size);
    }
    this.size = size;
    this.frequencies =
        addParameter(
            Parameter.builder()
                .setName("frequencies")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, size / 2))
                .optInitializer(
                    (manager, shape, dataType) ->
                        manager.arange(0f, size / 2f)
                            .mul(-2 * Math.log(base) / size)
                            .exp()
                            .reshape(shape)
                            .toType(dataType, false))
                .build());
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray t, boolean training) {
    NDArray wt =
        t.toType(DataType.FLOAT32, false)
            .expandDims(1)
            .mul(parameters.getValue(frequencies, t.getDevice(), training));
    return NDArrays.stack(new NDList(wt.sin(), wt.cos()), 2).reshape(t.getShape().get(0), size);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), size)};
  }
}

package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Nearest-neighbour upsampling of an image by an integer factor r: [b, c, h, w] becomes
 * [b, c, h·r, w·r] with out[…, i, j] = x[…, i / r, j / r].
 */
public final class Upsample extends UnaryBlock {
  private final int factor;

  /**
   * Repeats each pixel {@code factor} times along both axes.
   *
   * @param factor the number of repeats, ≥ 1
   */
  public Upsample(int factor) {
    this.factor = factor;
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
    return x.repeat(2, factor).repeat(3, factor);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    return new Shape[] {new Shape(x.get(0), x.get(1), x.get(2) * factor, x.get(3) * factor)};
  }
}

package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Folds each r × r patch of an image into channels: [b, c, h·r, w·r] becomes [b, c·r², h, w],
 * where output channel c·r² + i·r + j holds the pixel at row offset i and column offset j.
 */
public final class PixelUnshuffle extends UnaryBlock {
  private final int factor;

  /**
   * Folds patches of {@code factor} × {@code factor} pixels.
   *
   * @param factor the side of a patch, ≥ 1
   */
  public PixelUnshuffle(int factor) {
    this.factor = factor;
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
    Shape out = getOutputShapes(new Shape[] {x.getShape()})[0];
    return x.reshape(out.get(0), x.getShape().get(1), out.get(2), factor, out.get(3), factor)
        .transpose(0, 1, 3, 5, 2, 4)
        .reshape(out);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    if (x.get(2) % factor != 0 || x.get(3) % factor != 0) {
      throw new IllegalArgumentException(
          "pixel unshuffle: image " + x + " is not divisible into " + factor + "×" + factor + " patches");
    }
    return new Shape[] {new Shape(x.get(0), x.get(1) * factor * factor, x.get(2) / factor, x.get(3) / factor)};
  }
}

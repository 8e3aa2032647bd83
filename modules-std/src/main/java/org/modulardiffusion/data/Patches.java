package org.modulardiffusion.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.DataModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Data;

/**
 * Cuts square images [b, c, h, h] into a sequence of square patches [b, (h/p)², c·p·p], row by
 * row, so that a transformer can denoise them (Peebles and Xie 2023); decodes by putting the
 * patches back. The side h must be a multiple of the patch size p.
 */
@DataModule
public final class Patches extends Data {
  private final int size;

  /** @param size p, the side of a patch in pixels */
  public Patches(@Param(defaultValue = "4", min = 1, description = "the side of a patch in pixels") int size) {
    Patches_Parameters.check(size);
    this.size = size;
  }

  @Override
  public NDArray encode(NDArray w) {
    Shape shape = w.getShape();
    if (shape.dimension() != 4 || shape.get(2) != shape.get(3) || shape.get(2) % size != 0) {
      throw new IllegalArgumentException(
          "patches of " + size + " pixels need square images [b, c, h, h] with h a multiple of " + size
              + ", got " + shape);
    }
    long channels = shape.get(1);
    long side = shape.get(2) / size;
    return w.reshape(shape.get(0), channels, side, size, side, size)
        .transpose(0, 2, 4, 1, 3, 5)
        .reshape(shape.get(0), side * side, channels * size * size);
  }

  @Override
  public double bound(double bound) {
    return bound;
  }

  @Override
  public NDArray decode(NDArray x) {
    long side = Math.round(Math.sqrt(x.getShape().get(1)));
    long channels = x.getShape().get(2) / ((long) size * size);
    return x.reshape(x.getShape().get(0), side, side, channels, size, size)
        .transpose(0, 3, 1, 4, 2, 5)
        .reshape(x.getShape().get(0), channels, side * size, side * size);
  }

  @Override
  public String toString() {
    return "Patches(" + size + ")";
  }
}

package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;

/**
 * Gradient clipping by the global norm (Pascanu et al., 2013): when the Euclidean norm of all
 * gradients together exceeds {@code max}, every gradient is scaled by max / norm, which keeps
 * the update's direction. Not DJL's {@code clipGrad}, which clips each value on its own.
 */
public final class GlobalNorm {
  private GlobalNorm() {}

  /**
   * Scales {@code gradient}, all gradients as one flat array, in place so that its norm is at
   * most {@code max}, on the device and without reading anything back.
   *
   * @return the norm before clipping, a scalar array to read when the loss is read
   */
  public static NDArray clip(NDArray gradient, double max) {
    if (!(max > 0)) {
      throw new IllegalArgumentException("the largest gradient norm must be positive, got " + max);
    }
    NDArray norm = gradient.norm();
    // max / maximum(norm, max): 1 up to the bound, then max / norm.
    try (NDArray bounded = norm.maximum(max); NDArray scale = bounded.getNDArrayInternal().rdiv(max)) {
      gradient.muli(scale);
    }
    return norm;
  }
}

package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * Activations that are safe under autograd: silu(x) = x σ(x) and the GELU approximation
 * x σ(1.702 x).
 *
 * <p>DJL's {@code Activation.swish} multiplies by a number that autograd would read after it is
 * freed; see {@link Scalars}.
 */
public final class Activations {
  private Activations() {}

  /** silu(x) = x σ(x). */
  public static NDArray silu(NDArray x) {
    return x.mul(x.getNDArrayInternal().sigmoid());
  }

  /** The GELU approximation x σ(1.702 x) (Hendrycks and Gimpel, 2016). */
  public static NDArray fastGelu(NDArray x) {
    return x.mul(Scalars.times(x, 1.702).getNDArrayInternal().sigmoid());
  }
}

package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * Activations that are safe under autograd: silu(x) = x σ(x), one native operation, and the GELU
 * approximation x σ(1.702 x).
 *
 * <p>DJL's {@code Activation.swish} multiplies by a number that autograd would read after it is
 * freed; see {@link Scalars}.
 */
public final class Activations {
  private static final TorchScriptFunction SILU = TorchScriptFunction.of("torch.silu(x)", "x");

  private Activations() {}

  /**
   * silu(x) = x σ(x), in one operation that keeps only x for the backward pass.
   *
   * @param x the input
   * @return silu(x), of x's shape
   */
  public static NDArray silu(NDArray x) {
    return SILU.apply(x);
  }

  /**
   * The GELU approximation x σ(1.702 x) (Hendrycks and Gimpel, 2016).
   *
   * @param x the input
   * @return the GELU of x, of x's shape
   */
  public static NDArray fastGelu(NDArray x) {
    return x.mul(Scalars.times(x, 1.702).getNDArrayInternal().sigmoid());
  }
}

package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * Activations that are safe under autograd: silu(x) = x σ(x) and the GELU approximation
 * x σ(1.702 x).
 *
 * <p>DJL's {@code Activation.swish} and every {@code NDArray.mul(Number)} wrap the number in a
 * scalar array and free it at once, while PyTorch's autograd keeps it for the backward pass,
 * which then reads freed memory. Scalars here live on x's manager until the step ends.
 */
public final class Activations {
  private Activations() {}

  /** silu(x) = x σ(x). */
  public static NDArray silu(NDArray x) {
    return x.mul(x.getNDArrayInternal().sigmoid());
  }

  /** The GELU approximation x σ(1.702 x) (Hendrycks and Gimpel, 2016). */
  public static NDArray fastGelu(NDArray x) {
    return x.mul(scale(x, 1.702f).getNDArrayInternal().sigmoid());
  }

  /** x · factor, with the factor kept alive for the backward pass. */
  public static NDArray scale(NDArray x, float factor) {
    return x.mul(x.getManager().create(factor));
  }
}

package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a number that is safe under autograd. DJL's {@code NDArray.mul(Number)} and
 * {@code div(Number)} wrap the number in a scalar array and free it at once, while PyTorch's
 * autograd keeps that scalar for the backward pass, which then reads freed memory (NaN losses
 * at random steps). Here the scalar lives on x's manager, so it outlives the step's backward
 * pass. {@code add(Number)} and {@code sub(Number)} are safe as they are: their gradients do not
 * need the number.
 */
public final class Scalars {
  private Scalars() {}

  /** x · factor. */
  public static NDArray times(NDArray x, double factor) {
    return x.mul(x.getManager().create((float) factor));
  }
}

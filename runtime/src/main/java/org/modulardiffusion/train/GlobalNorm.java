package org.modulardiffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.modulardiffusion.nn.Scalars;

/**
 * Gradient clipping by the global norm (Pascanu et al., 2013): when the Euclidean norm of all
 * gradients together exceeds {@code max}, every gradient is scaled by max / norm, which keeps
 * the update's direction. Not DJL's {@code clipGrad}, which clips each value on its own.
 */
public final class GlobalNorm {
  private GlobalNorm() {}

  /**
   * Scales {@code gradients} in place so that their global norm is at most {@code max}, on the
   * device and without reading anything back.
   *
   * @param gradients the gradients, changed in place
   * @param max the largest global norm, positive
   * @return the global norm before clipping, a scalar array to read when the loss is read
   */
  public static NDArray clip(NDList gradients, double max) {
    if (!(max > 0)) {
      throw new IllegalArgumentException("the largest gradient norm must be positive, got " + max);
    }
    NDArray norm = gradients.size() == 1 ? gradients.head().norm() : norms(gradients).norm();
    // max / maximum(norm, max): 1 up to the bound, then max / norm.
    NDArray scale = Scalars.of(norm, max).div(Scalars.atLeast(norm, max));
    gradients.forEach(gradient -> gradient.muli(scale));
    return norm;
  }

  private static NDArray norms(NDList gradients) {
    NDList norms = new NDList(gradients.size());
    gradients.forEach(gradient -> norms.add(gradient.norm()));
    return NDArrays.stack(norms);
  }
}

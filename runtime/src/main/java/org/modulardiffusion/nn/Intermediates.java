package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees the intermediate arrays of a part of a forward pass as soon as the part is done.
 *
 * <p>PyTorch frees an array when its last reference goes, so that at the end of a forward pass
 * only what autograd saved for the backward pass is held. DJL holds every array until its manager
 * closes at the end of the step, which adds every other intermediate — sums, copies made by
 * reshapes, padded images — to the step's peak memory. Closing an array drops only DJL's
 * reference: what autograd saved stays until the backward pass has used it. (Not for arrays made
 * from Java data on the CPU: those borrow a Java buffer that closing frees. A net's parts make
 * none.)
 */
public final class Intermediates {
  private Intermediates() {}

  /**
   * The result of {@code part}, with every other array made while it ran closed. The result must
   * be an array the part made, not one of its inputs or a parameter: it is handed to the
   * enclosing {@link NDScope}, if any, to be closed with the rest of the step.
   *
   * @param part the work, which returns an array it made
   * @return the result
   */
  public static NDArray freed(Supplier<NDArray> part) {
    NDArray result;
    try (NDScope scope = new NDScope()) {
      result = part.get();
      NDScope.unregister(result);
    }
    NDScope.register(result);
    return result;
  }
}

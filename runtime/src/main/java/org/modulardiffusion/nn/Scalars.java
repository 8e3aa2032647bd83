package org.modulardiffusion.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic of an array with a number, for the code that runs in every step. DJL's
 * {@code NDArray.mul(Number)} and its kin wrap the number in an array on the array's device,
 * which on a GPU is a copy from the host that waits for the device to finish all its queued work,
 * and free it at once, while PyTorch's autograd may keep it for the backward pass (which then
 * reads freed memory: NaN losses at random steps). Here the number is a zero-dimensional array
 * on the CPU, which PyTorch hands to a GPU kernel as an argument, and which outlives the step's
 * backward pass: made once per number and kept for the process (the first {@value #KEPT}
 * numbers; later ones are made on x's manager), so that a step makes no array for a constant
 * such as the 1 of 1 − x. On the CPU the values are the same as DJL's.
 */
public final class Scalars {
  /** How many distinct numbers the arithmetic keeps as arrays. */
  private static final int KEPT = 256;

  private static final ScalarConstants CONSTANTS = new ScalarConstants(KEPT);

  private Scalars() {}

  /**
   * The number as a zero-dimensional array of x's data type on the CPU, on x's manager.
   *
   * @param x the array whose data type and manager it takes
   * @param value the number
   * @return the scalar
   */
  public static NDArray of(NDArray x, double value) {
    return x.getManager().full(new Shape(), (float) value, x.getDataType(), Device.cpu());
  }

  /**
   * x · factor.
   *
   * @param x an array
   * @param factor the factor
   * @return a new array
   */
  public static NDArray times(NDArray x, double factor) {
    return x.mul(CONSTANTS.of(x, factor));
  }

  /**
   * x / divisor.
   *
   * @param x an array
   * @param divisor the divisor
   * @return a new array
   */
  public static NDArray over(NDArray x, double divisor) {
    return x.div(CONSTANTS.of(x, divisor));
  }

  /**
   * x + term.
   *
   * @param x an array
   * @param term the term
   * @return a new array
   */
  public static NDArray plus(NDArray x, double term) {
    return x.add(CONSTANTS.of(x, term));
  }

  /**
   * term − x, in one operation, on x's manager.
   *
   * @param term the term
   * @param x an array
   * @return a new array
   */
  public static NDArray minus(double term, NDArray x) {
    NDArray difference = CONSTANTS.of(x, term).sub(x);
    difference.attach(x.getManager());
    return difference;
  }

  /**
   * min(x, bound), elementwise.
   *
   * @param x an array
   * @param bound the bound
   * @return a new array
   */
  public static NDArray atMost(NDArray x, double bound) {
    return x.minimum(CONSTANTS.of(x, bound));
  }

  /**
   * max(x, bound), elementwise.
   *
   * @param x an array
   * @param bound the bound
   * @return a new array
   */
  public static NDArray atLeast(NDArray x, double bound) {
    return x.maximum(CONSTANTS.of(x, bound));
  }
}

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
 * on the CPU, which PyTorch hands to a GPU kernel as an argument, on x's manager, so that it
 * outlives the step's backward pass. On the CPU the values are the same as DJL's.
 */
public final class Scalars {
  private Scalars() {}

  /** The number as a zero-dimensional array of x's data type on the CPU, on x's manager. */
  public static NDArray of(NDArray x, double value) {
    return x.getManager().full(new Shape(), (float) value, x.getDataType(), Device.cpu());
  }

  /** x · factor. */
  public static NDArray times(NDArray x, double factor) {
    return x.mul(of(x, factor));
  }

  /** x / divisor. */
  public static NDArray over(NDArray x, double divisor) {
    return x.div(of(x, divisor));
  }

  /** x + term. */
  public static NDArray plus(NDArray x, double term) {
    return x.add(of(x, term));
  }

  /** term − x, in one operation, on x's manager. */
  public static NDArray minus(double term, NDArray x) {
    NDArray difference = of(x, term).sub(x);
    difference.attach(x.getManager());
    return difference;
  }

  /** min(x, bound), elementwise. */
  public static NDArray atMost(NDArray x, double bound) {
    return x.minimum(of(x, bound));
  }

  /** max(x, bound), elementwise. */
  public static NDArray atLeast(NDArray x, double bound) {
    return x.maximum(of(x, bound));
  }
}

package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Draws the time steps at which a training batch is noised. */
public abstract class Time {

  /**
   * Draws {@code size} time steps in 1..{@code steps} as an int64 vector.
   *
   * @param manager where the vector lives
   * @param steps T, the number of diffusion steps
   * @param size b, the number of time steps to draw
   * @return the time steps, [b]
   */
  public abstract NDArray sample(NDManager manager, int steps, int size);
}

package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A noise schedule: the values alpha<sub>t</sub> for t = 0, …, T. */
public abstract class Schedule {
  private final int steps;

  /** @param steps T, the number of diffusion steps; at least 1 */
  protected Schedule(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
    this.steps = steps;
  }

  /** T, the number of diffusion steps. */
  public final int steps() {
    return steps;
  }

  /** Computes alpha<sub>t</sub> for t = 0, …, T: a float32 vector of T + 1 values. */
  public abstract NDArray compute(NDManager manager);
}

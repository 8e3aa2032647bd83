package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A noise schedule: the values alpha<sub>t</sub> for t = 0, …, T. */
public abstract class Schedule {
  private final int steps;

  /**
   * The most diffusion steps a schedule may have: far above the thousand or so that models use,
   * and small enough that the noise's tables of T + 1 values each stay small.
   */
  public static final int MAX_STEPS = 1_000_000;

  /** @param steps T, the number of diffusion steps; 1 to {@value #MAX_STEPS} */
  protected Schedule(int steps) {
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps must be in [1, " + MAX_STEPS + "], got " + steps);
    }
    this.steps = steps;
  }

  /**
   * T, the number of diffusion steps.
   *
   * @return T, ≥ 1
   */
  public final int steps() {
    return steps;
  }

  /**
   * Computes alpha<sub>t</sub> for t = 0, …, T: a float32 vector of T + 1 values.
   *
   * @param manager where the vector lives
   * @return alpha<sub>t</sub>, [T + 1]
   */
  public abstract NDArray compute(NDManager manager);
}

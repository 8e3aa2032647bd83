package org.modulardiffusion.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.ScheduleModule;
import org.modulardiffusion.base.Schedule;

/** alpha<sub>t</sub> = value for every t. */
@ScheduleModule
public final class Constant extends Schedule {
  private final float value;

  /**
   * @param steps T
   * @param value alpha at every step, in (0, 1]
   */
  public Constant(
      @Param(min = 1, max = Schedule.MAX_STEPS, description = "T") int steps,
      @Param(min = 0, max = 1, description = "alpha at every step") float value) {
    super(steps);
    Constant_Parameters.check(steps, value);
    this.value = value;
  }

  @Override
  public NDArray compute(NDManager manager) {
    return manager.full(new Shape(steps() + 1), value);
  }

  @Override
  public String toString() {
    return "Constant(" + steps() + ", " + value + ")";
  }
}

package org.modulardiffusion.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.ScheduleModule;
import org.modulardiffusion.base.Schedule;

/** alpha<sub>t</sub> evenly spaced from {@code start} at t = 0 to {@code end} at t = T. */
@ScheduleModule
public final class Linear extends Schedule {
  private final float start;
  private final float end;

  /**
   * @param steps T
   * @param start alpha at t = 0
   * @param end alpha at t = T
   */
  public Linear(
      @Param(min = 1, max = Schedule.MAX_STEPS, description = "T") int steps,
      @Param(min = 0, max = 1, description = "alpha at t = 0") float start,
      @Param(min = 0, max = 1, description = "alpha at t = T") float end) {
    super(steps);
    Linear_Parameters.check(steps, start, end);
    this.start = start;
    this.end = end;
  }

  @Override
  public NDArray compute(NDManager manager) {
    return manager.linspace(start, end, steps() + 1);
  }

  @Override
  public String toString() {
    return "Linear(" + steps() + ", " + start + ", " + end + ")";
  }
}

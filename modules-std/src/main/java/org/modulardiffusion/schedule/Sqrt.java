package org.modulardiffusion.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.ScheduleModule;
import org.modulardiffusion.base.Schedule;

/**
 * The square-root schedule of Diffusion-LM (Li et al. 2022): with
 * delta(t) = 1 − √(t/(T+1) + offset), alpha<sub>t</sub> = delta(t+1)/delta(t), clipped to [0, 0.999].
 */
@ScheduleModule
public final class Sqrt extends Schedule {
  private final float offset;

  /**
   * The schedule with offset 0.008.
   *
   * @param steps T, the number of diffusion steps
   */
  public Sqrt(int steps) {
    this(steps, 8e-3f);
  }

  /**
   * @param steps T
   * @param offset s
   */
  @ModuleConstructor
  public Sqrt(
      @Param(min = 1, max = Schedule.MAX_STEPS, description = "T") int steps,
      @Param(defaultValue = "0.008", min = 0, description = "the offset s") float offset) {
    super(steps);
    Sqrt_Parameters.check(steps, offset);
    this.offset = offset;
  }

  @Override
  public NDArray compute(NDManager manager) {
    NDArray t = manager.arange(steps() + 2).toType(DataType.FLOAT32, false);
    NDArray delta = t.div(steps() + 1).add(offset).sqrt().neg().add(1);
    return delta.get("1:").div(delta.get(":-1")).clip(0, 0.999);
  }

  @Override
  public String toString() {
    return "Sqrt(" + steps() + ", " + offset + ")";
  }
}

package org.modulardiffusion.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.ScheduleModule;
import org.modulardiffusion.base.Schedule;

/**
 * The cosine schedule of Nichol and Dhariwal (2021): with
 * delta(t) = cos((t/(T+2) + offset)/(1 + offset) · π/2)<sup>exponent</sup>,
 * alpha<sub>t</sub> = delta(t+1)/delta(t), clipped to [0.001, 1].
 */
@ScheduleModule
public final class Cosine extends Schedule {
  private final float offset;
  private final float exponent;

  /**
   * The schedule with offset 0.008 and exponent 2.
   *
   * @param steps T, the number of diffusion steps
   */
  public Cosine(int steps) {
    this(steps, 8e-3f, 2);
  }

  /**
   * @param steps T
   * @param offset s, keeps alpha small near t = 0
   * @param exponent the power of the cosine
   */
  @ModuleConstructor
  public Cosine(
      @Param(min = 1, max = Schedule.MAX_STEPS, description = "T") int steps,
      @Param(defaultValue = "0.008", min = 0, description = "the offset s") float offset,
      @Param(defaultValue = "2", min = 0, description = "the exponent") float exponent) {
    super(steps);
    Cosine_Parameters.check(steps, offset, exponent);
    this.offset = offset;
    this.exponent = exponent;
  }

  @Override
  public NDArray compute(NDManager manager) {
    NDArray t = manager.arange(steps() + 2).toType(DataType.FLOAT32, false);
    NDArray delta =
        t.div(steps() + 2).add(offset).div(1 + (double) offset).mul(Math.PI).div(2).cos().pow(exponent);
    return delta.get("1:").div(delta.get(":-1")).clip(1e-3, 1);
  }

  @Override
  public String toString() {
    return "Cosine(" + steps() + ", " + offset + ", " + exponent + ")";
  }
}

package org.modulardiffusion.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.ScheduleModule;
import org.modulardiffusion.base.Schedule;
import org.modulardiffusion.base.ZeroTerminalSnr;

/**
 * Any schedule rescaled to zero terminal SNR (Lin et al. 2024, Algorithm 1): with s<sub>t</sub> =
 * √delta<sub>t</sub> of the given schedule (delta the cumulative product of its alpha),
 * s'<sub>t</sub> = (s<sub>t</sub> − s<sub>T</sub>)·s<sub>0</sub>/(s<sub>0</sub> − s<sub>T</sub>), so that s'<sub>0</sub> = s<sub>0</sub> and
 * s'<sub>T</sub> = 0; alpha'<sub>0</sub> = s'<sub>0</sub>² and alpha'<sub>t</sub> = s'<sub>t</sub>²/s'<sub>t-1</sub>². x<sub>T</sub> is then
 * pure noise, as sampling assumes; a net that predicts epsilon cannot recover x<sub>0</sub> there, so
 * it needs a noise that predicts v (or x), and is refused with one that predicts epsilon.
 */
@ScheduleModule
public final class ZeroTerminal extends Schedule implements ZeroTerminalSnr {
  private final Schedule schedule;

  /** @param schedule the schedule to rescale, such as {@code {type: linear, …}} */
  public ZeroTerminal(@Param(description = "the schedule rescaled to zero terminal SNR") Schedule schedule) {
    super(schedule.steps());
    this.schedule = schedule;
  }

  /** Computed on the host in double precision, once. */
  @Override
  public NDArray compute(NDManager manager) {
    float[] alpha;
    try (NDArray computed = schedule.compute(manager)) {
      alpha = computed.toFloatArray();
    }
    double[] root = new double[alpha.length];
    double delta = 1;
    for (int t = 0; t < alpha.length; t++) {
      delta *= alpha[t];
      root[t] = Math.sqrt(delta);
    }
    double first = root[0];
    double last = root[root.length - 1];
    if (!(first > last)) {
      throw new IllegalArgumentException("schedule: cannot rescale " + schedule + " to zero terminal SNR: its signal"
          + " does not fall from t = 0 to T (√delta " + first + " to " + last + ")");
    }
    float[] rescaled = new float[alpha.length];
    double previous = 1;
    for (int t = 0; t < alpha.length; t++) {
      double current = (root[t] - last) * first / (first - last);
      // after a step to 0 (only at T, unless the schedule's signal ends flat) alpha is 0
      rescaled[t] = previous == 0 ? 0 : (float) (current * current / (previous * previous));
      previous = current;
    }
    return manager.create(rescaled, new Shape(rescaled.length));
  }

  /**
   * The schedule that is rescaled.
   *
   * @return the inner schedule
   */
  public Schedule schedule() {
    return schedule;
  }

  @Override
  public String toString() {
    return "ZeroTerminal(" + schedule + ")";
  }
}

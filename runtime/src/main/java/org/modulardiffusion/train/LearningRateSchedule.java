package org.modulardiffusion.train;

/**
 * The learning rate of each optimizer step: a linear warmup from 0 to the peak over the first
 * {@code warmup} steps, then the peak held ({@link Decay#CONSTANT}) or decayed to {@code floor} ×
 * peak at step {@code total}, along a half cosine or a line, and held there.
 *
 * @param peak the learning rate after the warmup, positive and finite
 * @param warmup the steps of the warmup, 0 for none
 * @param decay the shape after the warmup
 * @param total the step at which a decay ends; at least {@code warmup}
 * @param floor the end of a decay as a fraction of the peak, in [0, 1]
 */
public record LearningRateSchedule(double peak, long warmup, Decay decay, long total, double floor) {

  /** What the rate does after the warmup. */
  public enum Decay {
    /** stays at the peak */
    CONSTANT,
    /** falls along half a cosine */
    COSINE,
    /** falls along a line */
    LINEAR
  }

  /**
   * Checks the contract stated on the record's parameters.
   *
   * @param peak the learning rate after the warmup
   * @param warmup the steps of the warmup
   * @param decay the shape after the warmup
   * @param total the step at which a decay ends
   * @param floor the end of a decay as a fraction of the peak
   */
  public LearningRateSchedule {
    if (!(peak > 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("the learning rate must be positive and finite, got " + peak);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("the warmup must not be negative, got " + warmup);
    }
    if (decay != Decay.CONSTANT && total < warmup) {
      throw new IllegalArgumentException("a decay must end after the warmup (" + warmup + " steps), got " + total);
    }
    if (!(floor >= 0 && floor <= 1)) {
      throw new IllegalArgumentException("the floor must lie in [0, 1], got " + floor);
    }
  }

  /**
   * A constant rate.
   *
   * @param peak the learning rate, positive and finite
   * @return the schedule
   */
  public static LearningRateSchedule constant(double peak) {
    return new LearningRateSchedule(peak, 0, Decay.CONSTANT, 0, 1);
  }

  /**
   * The rate of optimizer step {@code step}, counted from 1.
   *
   * @param step the step, ≥ 1
   * @return the learning rate
   */
  public double at(long step) {
    if (step < 1) {
      throw new IllegalArgumentException("steps count from 1, got " + step);
    }
    if (step <= warmup) {
      return peak * step / warmup;
    }
    if (decay == Decay.CONSTANT || total == warmup) {
      return decay == Decay.CONSTANT ? peak : peak * floor;
    }
    double progress = Math.min(1, (double) (step - warmup) / (total - warmup));
    double remaining = decay == Decay.COSINE ? (1 + Math.cos(Math.PI * progress)) / 2 : 1 - progress;
    return peak * (floor + (1 - floor) * remaining);
  }
}

package org.modulardiffusion.train;

/**
 * Stops a training run that diverges: a step's loss that is NaN or infinite, or that exceeds
 * {@code factor} times the lowest running mean of the losses so far (an exponential mean over
 * about ten steps, so one noisy batch does not set the floor), or parameters that are no longer
 * finite when an epoch ends, before anything of the epoch is written. A loss that can be negative,
 * as a learned variance's can, is checked only while its floor is positive.
 */
final class Divergence implements TrainingListener {
  /** The default factor: a loss a million times its floor has diverged. */
  static final double DEFAULT_FACTOR = 1e6;
  private static final double DECAY = 0.9;

  private final double factor;
  private double mean = Double.NaN;
  private double floor = Double.POSITIVE_INFINITY;

  /** A check with the given factor; {@code Double.POSITIVE_INFINITY} checks only for NaN and infinity. */
  Divergence(double factor) {
    this.factor = factor;
  }

  @Override
  public void onStep(TrainingLoop<?> loop, Step step) {
    check(step.epoch(), step.step(), step.loss());
  }

  @Override
  public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
    if (!loop.model().finite()) {
      throw new IllegalStateException("training diverged in epoch " + epoch + ": the parameters hold NaN or infinite"
          + " values after its last update; try a lower learning rate");
    }
  }

  /**
   * Records the loss of a step.
   *
   * @throws IllegalStateException when the run has diverged
   */
  void check(int epoch, int step, float loss) {
    if (!Float.isFinite(loss)) {
      throw diverged(epoch, step, "the loss is " + loss);
    }
    if (floor > 0 && loss > factor * floor) {
      throw diverged(epoch, step, "the loss " + loss + " is over " + (float) factor + " times its lowest running mean "
          + (float) floor + " (train.divergence)");
    }
    mean = Double.isNaN(mean) ? loss : DECAY * mean + (1 - DECAY) * loss;
    floor = Math.min(floor, mean);
  }

  private static IllegalStateException diverged(int epoch, int step, String why) {
    return new IllegalStateException(
        "training diverged in epoch " + epoch + ", step " + step + ": " + why + "; try a lower learning rate");
  }
}

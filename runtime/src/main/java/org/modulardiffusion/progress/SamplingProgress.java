package org.modulardiffusion.progress;

/** Hears of a sampling run's steps as they are taken: for a progress bar on long runs. */
@FunctionalInterface
public interface SamplingProgress {
  /**
   * Step {@code step} of the run's {@code steps} has been taken (on a GPU: queued).
   *
   * @param step the step, from 1
   * @param steps the number of steps of the run
   */
  void onStep(int step, int steps);

  /**
   * Hears nothing.
   *
   * @return the listener
   */
  static SamplingProgress none() {
    return (step, steps) -> {};
  }
}

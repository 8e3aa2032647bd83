package org.modulardiffusion.train;

import ai.djl.ndarray.NDArray;

/**
 * The workers that share every training step (data parallel): each takes its rows of the step's
 * examples, and their gradients and losses are summed before the optimizer steps, so that every
 * worker takes the same step. A worker alone is the default.
 */
public interface Workers {

  /**
   * This worker's place, from 0.
   *
   * @return the rank, in [0, {@link #count()})
   */
  int rank();

  /**
   * How many workers share each step.
   *
   * @return the number of workers, ≥ 1
   */
  int count();

  /**
   * Replaces each value of {@code array}, float32, by its sum over the workers.
   *
   * @param array the values, float32, replaced in place
   */
  void sum(NDArray array);

  /**
   * The rows {@code [from, to)} of {@code size} rows that this worker takes: an even share, in order of rank.
   *
   * @param size the number of rows of the whole step
   * @return {@code from} and {@code to}
   */
  default long[] share(long size) {
    return new long[] {size * rank() / count(), size * (rank() + 1) / count()};
  }

  /**
   * A worker alone: its share is the whole step, and sums are its own values.
   *
   * @return the worker
   */
  static Workers alone() {
    return Alone.INSTANCE;
  }

  /** See {@link #alone}. */
  enum Alone implements Workers {
    /** The one worker. */
    INSTANCE;

    @Override
    public int rank() {
      return 0;
    }

    @Override
    public int count() {
      return 1;
    }

    @Override
    public void sum(NDArray array) {}
  }
}

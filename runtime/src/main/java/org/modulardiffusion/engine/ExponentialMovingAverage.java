package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.modulardiffusion.nn.Scalars;

/**
 * An exponential moving average of weights, kept on their device beside them: after update n
 * (counted from 1), average ← average + (1 − d<sub>n</sub>)(weights − average) with
 * d<sub>n</sub> = min(decay, (1 + n) / (10 + n)), so that the early average follows the weights
 * closely (the warmup of diffusers' EMAModel). Three operations an update, whatever the number of
 * weights, when the weights are one flat buffer.
 */
public final class ExponentialMovingAverage implements AutoCloseable {
  private final double decay;
  private final NDArray average;
  private long updates;

  /**
   * Starts the average at a copy of {@code weights}, on their manager.
   *
   * @param decay the longest memory, in [0, 1): 0.9999 averages over about the last 10,000 updates
   * @param weights the weights to average; not changed
   */
  public ExponentialMovingAverage(NDArray weights, double decay) {
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("the decay must lie in [0, 1), got " + decay);
    }
    this.decay = decay;
    this.average = weights.duplicate();
    average.setRequiresGradient(false);
  }

  /** The decay of update {@code n}, counted from 1. */
  double decayOf(long n) {
    return Math.min(decay, (1.0 + n) / (10.0 + n));
  }

  /**
   * Moves the average towards {@code weights}, which have the average's shape.
   *
   * @param weights the new weights
   */
  public void update(NDArray weights) {
    updates++;
    // The factor as a CPU scalar: DJL's muli(Number) would copy it to the device, waiting for it.
    try (NDArray step = weights.sub(average); NDArray factor = Scalars.of(step, 1 - decayOf(updates))) {
      average.addi(step.muli(factor));
    }
  }

  /**
   * The averaged weights, updated in place.
   *
   * @return the average, owned by this object; not a copy
   */
  public NDArray average() {
    return average;
  }

  /**
   * The number of updates so far.
   *
   * @return the number of updates, ≥ 0
   */
  public long updates() {
    return updates;
  }

  /**
   * Sets the state of a saved average: its values, of the average's shape, and its number of updates.
   *
   * @param values the saved average's values
   * @param updates the saved number of updates, ≥ 0
   */
  public void restore(NDArray values, long updates) {
    if (!values.getShape().equals(average.getShape()) || updates < 0) {
      throw new IllegalArgumentException(
          "a saved average of shape " + values.getShape() + " after " + updates + " updates does not fit weights of shape "
              + average.getShape());
    }
    average.set(new NDIndex("..."), values);
    this.updates = updates;
  }

  @Override
  public void close() {
    average.close();
  }
}

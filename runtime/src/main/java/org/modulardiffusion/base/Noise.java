package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A noise type: how data is corrupted and how the corruption is undone.
 *
 * <p>{@link #schedule} is called once with alpha<sub>t</sub> so that an implementation can
 * precompute its tables; the other methods are called in every training or sampling step and
 * should be a few tensor operations each.
 *
 * @param <D> the distribution this noise produces
 */
public abstract class Noise<D extends Distribution<D>> {

  /**
   * Precomputes what the other methods need from alpha<sub>t</sub>, t = 0, …, T.
   *
   * @param alpha alpha<sub>t</sub>, [T + 1]
   */
  public abstract void schedule(NDArray alpha);

  /**
   * The stationary distribution q(x<sub>T</sub>) of the given shape.
   *
   * @param manager where the distribution's arrays live
   * @param shape the shape of x<sub>T</sub>, [b, …]
   * @return the distribution
   */
  public abstract D stationary(NDManager manager, Shape shape);

  /**
   * The prior q(x<sub>t</sub> | x<sub>0</sub>), given x<sub>0</sub> = {@code x}.
   *
   * @param x the clean data x<sub>0</sub>, [b, …]
   * @param t the times, [b]
   * @return the distribution of x<sub>t</sub>
   */
  public abstract D prior(NDArray x, NDArray t);

  /**
   * The posterior q(x<sub>t-1</sub> | x<sub>t</sub>, x<sub>0</sub>), given x<sub>t</sub> = {@code z}.
   *
   * @param x the clean data x<sub>0</sub>, [b, …]
   * @param z the noisy data x<sub>t</sub>, [b, …]
   * @param t the times, [b]
   * @return the distribution of x<sub>t-1</sub>
   */
  public abstract D posterior(NDArray x, NDArray z, NDArray t);

  /**
   * The approximate posterior p<sub>θ</sub>(x<sub>t-1</sub> | x<sub>t</sub>), from the net's
   * prediction {@code hat} of shape [parameters, b, …].
   *
   * @param z the noisy data x<sub>t</sub>, [b, …]
   * @param t the times, [b]
   * @param hat the net's prediction, [parameters, b, …]
   * @return the distribution of x<sub>t-1</sub>
   */
  public abstract D approximate(NDArray z, NDArray t, NDArray hat);

  /**
   * How many parameters per element the net must predict (the leading axis of hat).
   *
   * @return the number of parameters, ≥ 1
   */
  public int parameters() {
    return 1;
  }

  /**
   * Whether the net's prediction is the noise ε that made x<sub>t</sub>, from which x<sub>0</sub> =
   * (x<sub>t</sub> − σ<sub>t</sub> ε)/a<sub>t</sub> cannot be had where a<sub>t</sub> = 0: such a noise does not fit a
   * {@link ZeroTerminalSnr} schedule. By default whether the noise is a {@link PredictsEpsilon};
   * a noise whose prediction is a parameter says which.
   *
   * @return whether the net predicts ε
   */
  public boolean predictsEpsilon() {
    return this instanceof PredictsEpsilon;
  }

  /**
   * Looks up {@code table[t]} for each sample of a batch and shapes it [b, 1, …, 1] with
   * {@code rank} axes, so that it broadcasts against a tensor of that rank.
   *
   * @param table a table indexed by time, [T + 1]
   * @param t the times, [b] (int64)
   * @param rank the number of axes of the result
   * @return the values, [b, 1, …, 1]
   */
  protected static NDArray at(NDArray table, NDArray t, int rank) {
    long[] shape = new long[rank];
    Arrays.fill(shape, 1);
    shape[0] = -1;
    return table.get(t).reshape(new Shape(shape));
  }
}

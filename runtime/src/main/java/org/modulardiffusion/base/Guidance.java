package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/**
 * How labels guide a model: which labels are hidden from the net during training, and how
 * predictions are combined during sampling. The default guides by the labels alone.
 */
public abstract class Guidance {

  /**
   * No guidance beyond conditioning the net on the labels it is given.
   *
   * @return a guidance that changes nothing
   */
  public static Guidance none() {
    return new Guidance() {
      @Override
      public String toString() {
        return "none";
      }
    };
  }

  /**
   * The labels the net sees in a training step. Returns a new array when it changes any; the
   * data set's own labels are never modified. By default the labels unchanged.
   *
   * @param y the labels, [b] (int64), 0 meaning "no label"
   * @return the labels to use, {@code y} itself or a new array
   */
  public NDArray dropLabels(NDArray y) {
    return y;
  }

  /**
   * The prediction used in a sampling step. By default the net's prediction for labels y.
   *
   * @param net the net
   * @param z the noisy data, [b, …]
   * @param y the labels, [b] (int64)
   * @param t the times, [b]
   * @return the prediction, [parameters, b, …]
   */
  public NDArray predict(Denoiser net, NDArray z, NDArray y, NDArray t) {
    return net.predict(z, y, t);
  }

  /**
   * How many examples {@link #predict} hands the net, in one pass or several, for each example
   * sampled: what a sampling run's memory is reckoned with. By default 1.
   *
   * @return the number of net examples per sample, ≥ 1
   */
  public int netExamplesPerSample() {
    return 1;
  }
}

package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/** The net seen as a function: hat = denoiser(z, y, t), hat of shape [parameters, b, …]. */
@FunctionalInterface
public interface Denoiser {

  /**
   * Predicts the parameters of the approximate posterior at noisy data z, labels y, times t.
   *
   * @param z the noisy data, [b, …]
   * @param y the labels, [b] (int64), 0 meaning "no label"
   * @param t the times, [b]
   * @return the prediction, [parameters, b, …]
   */
  NDArray predict(NDArray z, NDArray y, NDArray t);
}

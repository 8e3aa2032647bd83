package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link Sampler} may use in a step: the model's noise and its guided prediction.
 *
 * @param <D> the distribution of the noise
 */
public interface Sampling<D extends Distribution<D>> {

  /**
   * The model's noise, already scheduled.
   *
   * @return the noise
   */
  Noise<D> noise();

  /**
   * The time vector [b] (int64) holding {@code t} for each sample of z.
   *
   * @param z the noisy data, [b, …]
   * @param t the time step
   * @return the times, [b]
   */
  NDArray time(NDArray z, int t);

  /**
   * The net's prediction hat at z and times t, combined by the model's guidance.
   *
   * @param z the noisy data, [b, …]
   * @param t the times, [b]
   * @return the prediction, [parameters, b, …]
   */
  NDArray predict(NDArray z, NDArray t);

  /**
   * The largest magnitude of clean data in the diffusion space, such as 1 for images whose pixels
   * are in [−1, 1]; 0 when it is unbounded or unknown: the data set's {@link Dataset#bound()}
   * through the data transform's {@link Data#bound(double)}.
   *
   * @return the bound, or 0 for none
   */
  double bound();
}

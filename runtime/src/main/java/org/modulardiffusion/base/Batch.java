package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/**
 * Everything known about one training batch, handed to a {@link Loss}.
 *
 * @param w the data as the data set gives it
 * @param x the encoded data x<sub>0</sub> = encode(w)
 * @param y the labels, 0 meaning "no label" (after guidance dropped some)
 * @param t the time step of each sample, in 1..T
 * @param epsilon the standard noise that made z from x, or {@code null} for noises without one
 * @param z the noisy data x<sub>t</sub>, drawn from the prior
 * @param hat the net's prediction, [parameters, b, …]
 * @param q the posterior q(x<sub>t-1</sub> | x<sub>t</sub>, x<sub>0</sub>)
 * @param p the approximate posterior p<sub>θ</sub>(x<sub>t-1</sub> | x<sub>t</sub>)
 * @param noise the model's noise, which a loss may ask for more, such as the scales of a
 *     {@link GaussianDiffusion} for a v target or a weight by the signal-to-noise ratio; or {@code null}
 * @param <D> the distribution of the noise
 */
public record Batch<D extends Distribution<D>>(
    NDArray w, NDArray x, NDArray y, NDArray t, NDArray epsilon, NDArray z, NDArray hat, D q, D p, Noise<D> noise) {

  /**
   * A batch without its noise, for a loss that needs none.
   *
   * @param w the data as the data set gives it
   * @param x the encoded data x<sub>0</sub>
   * @param y the labels, 0 meaning "no label"
   * @param t the time steps, in 1..T
   * @param epsilon the standard noise that made z, or {@code null}
   * @param z the noisy data x<sub>t</sub>
   * @param hat the net's prediction, [parameters, b, …]
   * @param q the posterior
   * @param p the approximate posterior
   */
  public Batch(NDArray w, NDArray x, NDArray y, NDArray t, NDArray epsilon, NDArray z, NDArray hat, D q, D p) {
    this(w, x, y, t, epsilon, z, hat, q, p, null);
  }
}

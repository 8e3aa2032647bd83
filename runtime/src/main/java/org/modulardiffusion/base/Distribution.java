package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/**
 * A batch of probability distributions, one per element of a tensor: each pixel or token of a
 * batch has its own parameters.
 *
 * @param <D> the distribution type itself, so that {@link #dkl} only accepts its own kind
 */
public interface Distribution<D extends Distribution<D>> {

  /**
   * Draws one value per element, with the standard noise that produced it where there is one.
   *
   * @return the drawn values and their standard noise
   */
  Sample sample();

  /**
   * The negative log-likelihood of {@code x}, element by element.
   *
   * @param x values of this distribution's shape
   * @return the negative log-likelihoods, of x's shape
   */
  NDArray nll(NDArray x);

  /**
   * The Kullback-Leibler divergence D<sub>KL</sub>(this || other), element by element.
   *
   * @param other a distribution of the same shape
   * @return the divergences, of this distribution's shape
   */
  NDArray dkl(D other);
}

package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/** The net seen as a function: hat = denoiser(z, y, t), hat of shape [parameters, b, …]. */
@FunctionalInterface
public interface Denoiser {

  /** Predicts the parameters of the approximate posterior at noisy data z, labels y, times t. */
  NDArray predict(NDArray z, NDArray y, NDArray t);
}

package org.modulardiffusion.config;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.noise.Gaussian;

/**
 * Gaussian noise behind a class that does not say so: a noise over {@link Normal} that is no
 * {@code GaussianDiffusion}, which trains and samples ancestrally but which DDIM cannot take.
 */
@NoiseModule
public final class Opaque extends Noise<Normal> {
  private final Gaussian gaussian = new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED);

  @Override
  public void schedule(NDArray alpha) {
    gaussian.schedule(alpha);
  }

  @Override
  public Normal stationary(NDManager manager, Shape shape) {
    return gaussian.stationary(manager, shape);
  }

  @Override
  public Normal prior(NDArray x, NDArray t) {
    return gaussian.prior(x, t);
  }

  @Override
  public Normal posterior(NDArray x, NDArray z, NDArray t) {
    return gaussian.posterior(x, z, t);
  }

  @Override
  public Normal approximate(NDArray z, NDArray t, NDArray hat) {
    return gaussian.approximate(z, t, hat);
  }
}

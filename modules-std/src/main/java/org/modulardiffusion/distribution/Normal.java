package org.modulardiffusion.distribution;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.DistributionModule;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.Sample;
import org.modulardiffusion.nn.Scalars;

/** Normal distributions N(mu, sigma²), one per element; sigma may broadcast against mu. */
@DistributionModule
public final class Normal implements Distribution<Normal> {
  private static final double SQRT_TWO_PI = 2.5066282746310002;

  private final NDArray mu;
  private final NDArray sigma;

  /**
   * @param mu the means
   * @param sigma the standard deviations
   */
  public Normal(NDArray mu, NDArray sigma) {
    this.mu = mu;
    this.sigma = sigma;
  }

  /** The means. */
  public NDArray mu() {
    return mu;
  }

  /** The standard deviations. */
  public NDArray sigma() {
    return sigma;
  }

  /** mu + sigma·epsilon with epsilon ~ N(0, 1); the noise is epsilon. */
  @Override
  public Sample sample() {
    NDArray epsilon = Draws.normal(mu.getManager(), mu.getShape());
    return new Sample(mu.add(sigma.mul(epsilon)), epsilon);
  }

  /** ½((x − mu)/sigma)² + log(sigma·√(2π)). */
  @Override
  public NDArray nll(NDArray x) {
    return Scalars.times(x.sub(mu).div(sigma).square(), 0.5).add(Scalars.times(sigma, SQRT_TWO_PI).log());
  }

  /** log(sigma₂/sigma₁) + (sigma₁² + (mu₁ − mu₂)²) / (2 sigma₂²) − ½. */
  @Override
  public NDArray dkl(Normal other) {
    NDArray spread = sigma.square().add(mu.sub(other.mu).square());
    NDArray kl = other.sigma.div(sigma).log().add(spread.div(Scalars.times(other.sigma.square(), 2)));
    return Scalars.plus(kl, -0.5);
  }
}

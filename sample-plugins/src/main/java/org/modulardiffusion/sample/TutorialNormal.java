package org.modulardiffusion.sample;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.DistributionModule;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.Sample;
import org.modulardiffusion.nn.Scalars;

/** The tutorial's normal distributions N(mu, sigma²), one per element. */
@DistributionModule
public final class TutorialNormal implements Distribution<TutorialNormal> {
  private final NDArray mu;
  private final NDArray sigma;

  /**
   * @param mu the means
   * @param sigma the standard deviations
   */
  public TutorialNormal(NDArray mu, NDArray sigma) {
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
    return Scalars.times(x.sub(mu).div(sigma).square(), 0.5).add(Scalars.times(sigma, 2.5066282746310002).log());
  }

  /** log(sigma₂/sigma₁) + (sigma₁² + (mu₁ − mu₂)²)/(2 sigma₂²) − ½. */
  @Override
  public NDArray dkl(TutorialNormal other) {
    NDArray spread = sigma.square().add(mu.sub(other.mu).square());
    return other.sigma.div(sigma).log().add(spread.div(Scalars.times(other.sigma.square(), 2))).sub(0.5);
  }
}

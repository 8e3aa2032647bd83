package org.modulardiffusion.distribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
  private final double offset;

  /**
   * @param mu the means
   * @param sigma the standard deviations
   */
  public Normal(NDArray mu, NDArray sigma) {
    this(mu, sigma, 0);
  }

  /**
   * Normal distributions whose samples are drawn with offset noise (Guttenberg 2023): the noise is
   * epsilon + offset·δ, with δ ~ N(0, 1) of shape [b, c, 1, …, 1], one value per example (axis 0)
   * and channel (axis 1) shared by the axes after them. Its density is still N(mu, sigma²).
   *
   * @param mu the means
   * @param sigma the standard deviations
   * @param offset the scale of the offset noise, ≥ 0; 0 for none
   */
  public Normal(NDArray mu, NDArray sigma, double offset) {
    if (!(offset >= 0)) {
      throw new IllegalArgumentException("offset: expected a scale ≥ 0, got " + offset);
    }
    this.mu = mu;
    this.sigma = sigma;
    this.offset = offset;
  }

  /**
   * The means.
   *
   * @return the means, of the distribution's shape
   */
  public NDArray mu() {
    return mu;
  }

  /**
   * The standard deviations.
   *
   * @return the standard deviations, of the distribution's shape
   */
  public NDArray sigma() {
    return sigma;
  }

  /**
   * mu + sigma·epsilon with epsilon ~ N(0, 1), or with offset noise epsilon + offset·δ; the noise is
   * that. Both are drawn for all the examples at once, epsilon first, through {@link Draws}.
   */
  @Override
  public Sample sample() {
    NDArray epsilon = Draws.normal(mu.getManager(), mu.getShape());
    if (offset != 0) {
      long[] perChannel = mu.getShape().getShape();
      for (int axis = 2; axis < perChannel.length; axis++) {
        perChannel[axis] = 1;
      }
      epsilon = epsilon.add(Scalars.times(Draws.normal(mu.getManager(), new Shape(perChannel)), offset));
    }
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

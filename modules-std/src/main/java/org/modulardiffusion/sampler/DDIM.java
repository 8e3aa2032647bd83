package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.nn.Scalars;

/**
 * Denoising diffusion implicit models (Song et al. 2020): walks a subsequence of {@code steps}
 * times from T to 0, by default evenly spaced (the {@code trailing} {@link Spacing}). From t to s, with x̂<sub>0</sub> the net's estimate and
 * ε̂ = (x<sub>t</sub> − √delta<sub>t</sub> x̂<sub>0</sub>)/√(1 − delta<sub>t</sub>):
 * x<sub>s</sub> = √delta<sub>s</sub> x̂<sub>0</sub> + √(1 − delta<sub>s</sub> − σ²) ε̂ + σ·ε, where
 * σ = eta·√((1 − delta<sub>s</sub>)/(1 − delta<sub>t</sub>))·√(1 − delta<sub>t</sub>/delta<sub>s</sub>).
 * eta = 0 is deterministic; eta = 1 over consecutive steps is the ancestral sampler. The estimate
 * x̂<sub>0</sub> is clipped to [−clip, clip] first, as image models need: near t = T, x̂<sub>0</sub>
 * divides the net's error by √delta<sub>T</sub>, which is tiny. By default clip is the data's own
 * bound ({@link Sampling#bound()}: 1 for images), and there is none for data without one. Needs
 * a noise whose marginals are Gaussian, a {@link GaussianDiffusion} such as {@link
 * org.modulardiffusion.noise.Gaussian}, which gives the scales and x̂<sub>0</sub>.
 */
@SamplerModule
public final class DDIM extends SteppingSampler {
  /** The value of {@code clip} that stands for the data's own bound. */
  public static final double DATA_BOUND = Denoised.DATA_BOUND;

  private final double eta;

  /**
   * @param eta the share of fresh noise, ≥ 0
   * @param steps the number of steps taken, ≥ 1
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate, such as 1 for pixels in [−1, 1]; 0 for none;
   *     {@value #DATA_BOUND} for the data's own bound, where it has one
   */
  public DDIM(
      @Param(defaultValue = "0", min = 0, description = "0 for deterministic DDIM, 1 for ancestral-like") double eta,
      @Param(min = 1, description = "how many steps to visit") int steps,
      @Param(defaultValue = TRAILING, description = SPACING) Spacing spacing,
      @Param(defaultValue = RHO_DEFAULT, min = 1, description = RHO) double rho,
      @Param(defaultValue = CLIP_DEFAULT, min = -1, description = CLIP) double clip) {
    super(steps, spacing, rho, clip);
    DDIM_Parameters.check(eta, steps, rho, clip);
    this.eta = eta;
  }

  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    NDArray time = sampling.time(z, t);
    return transition(noise, z, time, t, s, sampling.predict(z, time), sampling.bound()).sample().value();
  }

  /**
   * The distribution of x<sub>s</sub> given x<sub>t</sub> and the net's prediction hat, the data's
   * own bound being {@code dataBound} (0 for none).
   *
   * @param noise the model's noise
   * @param z x<sub>t</sub>, [b, …]
   * @param time the times, [b], all {@code t}
   * @param t the current time
   * @param s the earlier time, {@code < t}
   * @param hat the net's prediction, [parameters, b, …]
   * @param dataBound the data's bound, 0 for none
   * @return the distribution of x<sub>s</sub>
   */
  public Normal transition(GaussianDiffusion noise, NDArray z, NDArray time, int t, int s, NDArray hat, double dataBound) {
    double bound = clip() == DATA_BOUND ? dataBound : clip();
    double deltaT = noise.delta(t);
    double deltaS = noise.delta(s);
    NDArray x = Denoised.clipped(noise.x0(z, time, hat), bound);
    NDArray epsilon = Scalars.over(z.sub(Scalars.times(x, Math.sqrt(deltaT))), Math.sqrt(1 - deltaT));
    double sigma = eta * Math.sqrt((1 - deltaS) / (1 - deltaT)) * Math.sqrt(1 - deltaT / deltaS);
    float direction = (float) Math.sqrt(Math.max(0, 1 - deltaS - sigma * sigma));
    NDArray mu = Scalars.times(x, Math.sqrt(deltaS)).add(Scalars.times(epsilon, direction));
    return new Normal(mu, mu.getManager().full(mu.getShape(), (float) sigma));
  }

  @Override
  public String toString() {
    return describe("DDIM", Spacing.TRAILING, eta);
  }

}

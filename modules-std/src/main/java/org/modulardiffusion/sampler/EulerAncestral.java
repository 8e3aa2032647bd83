package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.nn.Scalars;

/**
 * Euler ancestral sampling (k-diffusion's {@code sample_euler_ancestral}), in EDM's variables x̃ =
 * x<sub>t</sub>/a<sub>t</sub>, σ̃<sub>t</sub> = σ<sub>t</sub>/a<sub>t</sub>: from t to s it splits σ̃<sub>s</sub> into
 * σ<sub>up</sub> = min(σ̃<sub>s</sub>, eta·σ̃<sub>s</sub>√(1 − σ̃<sub>s</sub>²/σ̃<sub>t</sub>²)) and σ<sub>down</sub> =
 * √(σ̃<sub>s</sub>² − σ<sub>up</sub>²), takes an Euler step to σ<sub>down</sub> and adds fresh noise of scale
 * σ<sub>up</sub>: x̃<sub>s</sub> = x̃<sub>t</sub> + (σ<sub>down</sub> − σ̃<sub>t</sub>) ε̂ + σ<sub>up</sub> ξ. One net
 * evaluation a step; eta = 0 is {@link Euler}. The noise ξ is drawn through {@link Draws}, so a
 * seeded run's samples depend on their seed and index alone.
 */
@SamplerModule
public final class EulerAncestral extends SteppingSampler {
  private final double eta;

  /**
   * @param eta the share of fresh noise, ≥ 0
   * @param steps the number of steps taken, ≥ 1
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate; 0 for none; -1 for the data's own
   */
  public EulerAncestral(
      @Param(defaultValue = "1", min = 0, description = "the share of fresh noise; 0 for Euler") double eta,
      @Param(defaultValue = "20", min = 1, description = "how many steps to take (one net evaluation each)") int steps,
      @Param(defaultValue = LEADING, description = SPACING) Spacing spacing,
      @Param(defaultValue = RHO_DEFAULT, min = 1, description = RHO) double rho,
      @Param(defaultValue = CLIP_DEFAULT, min = -1, description = CLIP) double clip) {
    super(steps, spacing, rho, clip);
    EulerAncestral_Parameters.check(eta, steps, rho, clip);
    this.eta = eta;
  }

  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    double from = Denoised.sigma(noise, t);
    double to = Denoised.sigma(noise, s);
    double up = Math.min(to, eta * Math.sqrt(to * to * (from * from - to * to) / (from * from)));
    double down = Math.sqrt(to * to - up * up);
    NDArray slope = Denoised.epsilon(noise, z, t, x0(noise, sampling, z, t));
    NDArray x = Denoised.scaledStep(noise, z, t, s, new double[] {down - from}, slope);
    return up > 0 ? x.add(Scalars.times(Draws.normal(z.getManager(), z.getShape()), Math.sqrt(noise.delta(s)) * up)) : x;
  }

  @Override
  public String toString() {
    return describe("EulerAncestral", Spacing.LEADING, eta);
  }

}

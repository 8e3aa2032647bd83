package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;

/**
 * Euler's method on the probability-flow ODE in EDM's variables (Karras et al. 2022; k-diffusion's
 * {@code sample_euler}): with x̃ = x<sub>t</sub>/a<sub>t</sub> and σ̃<sub>t</sub> = σ<sub>t</sub>/a<sub>t</sub>,
 * dx̃/dσ̃ = ε̂, so from t to s x̃<sub>s</sub> = x̃<sub>t</sub> + (σ̃<sub>s</sub> − σ̃<sub>t</sub>) ε̂(x<sub>t</sub>, t).
 * First order, one net evaluation a step; in exact arithmetic the same step as deterministic DDIM.
 * The estimate x̂<sub>0</sub> behind ε̂ is clipped as DDIM clips it.
 */
@SamplerModule
public final class Euler extends SteppingSampler {
  /**
   * @param steps the number of steps taken, ≥ 1
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate; 0 for none; -1 for the data's own
   */
  public Euler(
      @Param(defaultValue = "20", min = 1, description = "how many steps to take (one net evaluation each)") int steps,
      @Param(defaultValue = AUTO, description = SPACING) Spacing spacing,
      @Param(defaultValue = RHO_DEFAULT, min = 1, description = RHO) double rho,
      @Param(defaultValue = CLIP_DEFAULT, min = -1, description = CLIP) double clip) {
    super(steps, spacing, rho, clip);
    Euler_Parameters.check(steps, rho, clip);
  }

  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    NDArray slope = Denoised.epsilon(noise, z, t, x0(noise, sampling, z, t));
    return Denoised.scaledStep(noise, z, t, s, new double[] {Denoised.sigma(noise, s) - Denoised.sigma(noise, t)}, slope);
  }

  @Override
  public String toString() {
    return describe("Euler", Spacing.AUTO);
  }

}

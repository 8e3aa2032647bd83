package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;

/**
 * Heun's method on the probability-flow ODE, EDM's deterministic sampler (Karras et al. 2022,
 * algorithm 1; k-diffusion's {@code sample_heun}): with x̃ = x<sub>t</sub>/a<sub>t</sub>,
 * σ̃<sub>t</sub> = σ<sub>t</sub>/a<sub>t</sub> and dx̃/dσ̃ = ε̂, an Euler step from t to s gives x̃',
 * and x̃<sub>s</sub> = x̃<sub>t</sub> + (σ̃<sub>s</sub> − σ̃<sub>t</sub>)(ε̂(x<sub>t</sub>, t) + ε̂(x', s))/2.
 * Second order, two net evaluations a step; the last step, to 0 (a time the net is not trained
 * on, as EDM's σ = 0), is Euler's alone: 2n − 1 evaluations in n steps. The estimates x̂<sub>0</sub>
 * behind ε̂ are clipped as DDIM clips them.
 */
@SamplerModule
public final class Heun extends SteppingSampler {
  /**
   * @param steps the number of steps taken, ≥ 1 (two net evaluations each but the last)
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate; 0 for none; -1 for the data's own
   */
  public Heun(
      @Param(defaultValue = "10", min = 1, description = "how many steps to take (two net evaluations each but the"
          + " last)") int steps,
      @Param(defaultValue = LEADING, description = SPACING) Spacing spacing,
      @Param(defaultValue = RHO_DEFAULT, min = 1, description = RHO) double rho,
      @Param(defaultValue = CLIP_DEFAULT, min = -1, description = CLIP) double clip) {
    super(steps, spacing, rho, clip);
    Heun_Parameters.check(steps, rho, clip);
  }

  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    double dSigma = Denoised.sigma(noise, s) - Denoised.sigma(noise, t);
    NDArray slope = Denoised.epsilon(noise, z, t, x0(noise, sampling, z, t));
    NDArray euler = Denoised.scaledStep(noise, z, t, s, new double[] {dSigma}, slope);
    if (s == 0) {
      return euler;
    }
    NDArray corrected = Denoised.epsilon(noise, euler, s, x0(noise, sampling, euler, s));
    return Denoised.scaledStep(noise, z, t, s, new double[] {dSigma / 2, dSigma / 2}, slope, corrected);
  }

  @Override
  public String toString() {
    return describe("Heun", Spacing.LEADING);
  }
}

package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.SamplerNeeding;
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
public final class Euler extends SamplerNeeding<Normal, GaussianDiffusion> {
  private final int steps;
  private final Spacing spacing;
  private final double rho;
  private final double clip;

  /**
   * @param steps the number of steps taken, ≥ 1
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate; 0 for none; -1 for the data's own
   */
  public Euler(
      @Param(defaultValue = "20", min = 1, description = "how many steps to take (one net evaluation each)") int steps,
      @Param(defaultValue = "trailing", description = "which times to visit: linspace, leading, trailing as diffusers"
          + " names them, or karras") Spacing spacing,
      @Param(defaultValue = "7", min = 1, description = "rho of the karras spacing") double rho,
      @Param(defaultValue = "-1", min = -1, description = "clip the x0 estimate to [-clip, clip]; 0 for no clipping;"
          + " -1 for the data's own bound (1 for images), none where it has none") double clip) {
    Euler_Parameters.check(steps, rho, clip);
    Denoised.checkClip(clip);
    this.steps = steps;
    this.spacing = spacing;
    this.rho = rho;
    this.clip = clip;
  }

  @Override
  protected int[] timesFor(GaussianDiffusion noise, int total) {
    return spacing.times(total, steps, noise, rho);
  }

  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    NDArray slope = Denoised.epsilon(noise, z, t, Denoised.x0(noise, sampling, z, t, clip));
    return Denoised.scaledStep(noise, z, t, s, new double[] {Denoised.sigma(noise, s) - Denoised.sigma(noise, t)}, slope);
  }

  @Override
  public String toString() {
    return "Euler(" + steps + ", " + spacing.name().toLowerCase(Locale.ROOT)
        + (clip > 0 ? ", clip " + clip : clip == Denoised.DATA_BOUND ? ", clip to the data's bound" : "") + ")";
  }
}

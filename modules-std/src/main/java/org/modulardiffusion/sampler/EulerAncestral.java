package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.SamplerNeeding;
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
public final class EulerAncestral extends SamplerNeeding<Normal, GaussianDiffusion> {
  private final double eta;
  private final int steps;
  private final Spacing spacing;
  private final double rho;
  private final double clip;

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
      @Param(defaultValue = "trailing", description = "which times to visit: linspace, leading, trailing as diffusers"
          + " names them, or karras") Spacing spacing,
      @Param(defaultValue = "7", min = 1, description = "rho of the karras spacing") double rho,
      @Param(defaultValue = "-1", min = -1, description = "clip the x0 estimate to [-clip, clip]; 0 for no clipping;"
          + " -1 for the data's own bound (1 for images), none where it has none") double clip) {
    EulerAncestral_Parameters.check(eta, steps, rho, clip);
    Denoised.checkClip(clip);
    this.eta = eta;
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
    double from = Denoised.sigma(noise, t);
    double to = Denoised.sigma(noise, s);
    double up = Math.min(to, eta * Math.sqrt(to * to * (from * from - to * to) / (from * from)));
    double down = Math.sqrt(to * to - up * up);
    NDArray slope = Denoised.epsilon(noise, z, t, Denoised.x0(noise, sampling, z, t, clip));
    NDArray x = Denoised.scaledStep(noise, z, t, s, new double[] {down - from}, slope);
    return up > 0 ? x.add(Scalars.times(Draws.normal(z.getManager(), z.getShape()), Math.sqrt(noise.delta(s)) * up)) : x;
  }

  @Override
  public String toString() {
    return "EulerAncestral(" + eta + ", " + steps + ", " + spacing.name().toLowerCase(Locale.ROOT)
        + (clip > 0 ? ", clip " + clip : clip == Denoised.DATA_BOUND ? ", clip to the data's bound" : "") + ")";
  }
}

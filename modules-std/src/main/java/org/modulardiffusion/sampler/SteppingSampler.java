package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.SamplerNeeding;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;

/**
 * A sampler of Gaussian diffusion that takes {@code steps} steps at the times a {@link Spacing}
 * places and clips its estimate of the clean data: what DDIM and the solvers share, with the words
 * and defaults of their shared parameters, stated once here for their {@code @Param}s.
 */
public abstract class SteppingSampler extends SamplerNeeding<Normal, GaussianDiffusion> {
  /** The description of {@code spacing}. */
  static final String SPACING = "which times to visit: auto (trailing for a net that predicts v or x, else leading),"
      + " linspace, leading, trailing as diffusers names them, or karras";
  /** DDIM's default {@code spacing}, its times since it was written: T, …, 0 evenly spaced. */
  static final String TRAILING = "trailing";
  /**
   * DPM-Solver++'s and Euler's default {@code spacing}: {@link Spacing#AUTO}, the times the net's
   * parametrization suits.
   */
  static final String AUTO = "auto";
  /**
   * Heun's and Euler ancestral's default {@code spacing}, which never visits T: where a schedule such
   * as the cosine leaves almost no signal, a first step from T would divide the error of a net that
   * predicts ε by a<sub>T</sub>; and on a net that predicts v, Heun drew worse digits on trailing
   * times than on these (docs/samplers.md; Euler ancestral's were not measured).
   */
  static final String LEADING = "leading";
  /** The description of {@code rho}. */
  static final String RHO = "rho of the karras spacing";
  /** The default of {@code rho}. */
  static final String RHO_DEFAULT = "7";
  /** The description of {@code clip}. */
  static final String CLIP = "clip the x0 estimate to [-clip, clip]; 0 for no clipping; -1 for the data's own bound (1"
      + " for images), none where it has none";
  /** The default of {@code clip}: the data's own bound. */
  static final String CLIP_DEFAULT = "-1";

  private final int steps;
  private final Spacing spacing;
  private final double rho;
  private final double clip;

  /**
   * @param steps the number of steps taken, ≥ 1
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate, such as 1 for pixels in [−1, 1]; 0 for none;
   *     {@value Denoised#DATA_BOUND} for the data's own bound, where it has one
   */
  SteppingSampler(int steps, Spacing spacing, double rho, double clip) {
    Denoised.checkClip(clip);
    this.steps = steps;
    this.spacing = spacing;
    this.rho = rho;
    this.clip = clip;
  }

  /** min(steps, T) steps as the spacing places them. */
  @Override
  protected final int[] timesFor(GaussianDiffusion noise, int total) {
    return spacing.times(total, steps, noise, rho);
  }

  /** The net's estimate x̂<sub>0</sub> at z and time t, clipped as this sampler clips it. */
  final NDArray x0(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t) {
    return Denoised.x0(noise, sampling, z, t, clip);
  }

  /** The clip setting: a bound ≥ 0 (0: none), or {@value Denoised#DATA_BOUND}. */
  final double clip() {
    return clip;
  }

  /**
   * "name(leading…, steps[, spacing][, clip …])": this sampler in messages, its spacing where it is
   * not {@code usual}, the sampler's default.
   */
  final String describe(String name, Spacing usual, Object... leading) {
    StringBuilder text = new StringBuilder(name).append('(');
    for (Object value : leading) {
      text.append(value).append(", ");
    }
    text.append(steps);
    if (spacing != usual) {
      text.append(", ").append(spacing.name().toLowerCase(Locale.ROOT));
    }
    if (clip > 0) {
      text.append(", clip ").append(clip);
    } else if (clip == Denoised.DATA_BOUND) {
      text.append(", clip to the data's bound");
    }
    return text.append(')').toString();
  }
}

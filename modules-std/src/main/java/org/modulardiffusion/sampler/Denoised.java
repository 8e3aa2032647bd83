package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.nn.Scalars;

/**
 * What the Gaussian solvers share: the net's estimate x̂<sub>0</sub> of the clean data, clipped as
 * DDIM clips it, and the noise's scales at whole times. σ̃<sub>t</sub> = σ<sub>t</sub>/a<sub>t</sub> =
 * √((1 − ᾱ<sub>t</sub>)/ᾱ<sub>t</sub>) is EDM's σ: with x̃ = x<sub>t</sub>/a<sub>t</sub> the probability-flow ODE is
 * dx̃/dσ̃ = (x̃ − x̂<sub>0</sub>)/σ̃ = ε̂.
 */
final class Denoised {
  /** The value of {@code clip} that stands for the data's own bound. */
  static final double DATA_BOUND = -1;

  private Denoised() {}

  /** Checks a {@code clip} setting: a bound ≥ 0, or {@value #DATA_BOUND}. */
  static void checkClip(double clip) {
    if (clip < 0 && clip != DATA_BOUND) {
      throw new IllegalArgumentException("clip: expected a bound ≥ 0, or -1 for the data's own; got " + clip);
    }
  }

  /** x̂<sub>0</sub> at z and time t, clipped to [−clip, clip] ({@value #DATA_BOUND}: the data's bound; 0: none). */
  static NDArray x0(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, double clip) {
    NDArray time = sampling.time(z, t);
    return clipped(noise.x0(z, time, sampling.predict(z, time)), clip == DATA_BOUND ? sampling.bound() : clip);
  }

  /** {@code estimate} clipped to [−bound, bound]; itself for a bound of 0. */
  static NDArray clipped(NDArray estimate, double bound) {
    // Not clip, whose two bounds DJL reads back to the host: a synchronisation on a GPU.
    return bound > 0 ? Scalars.atLeast(Scalars.atMost(estimate, bound), -bound) : estimate;
  }

  /** ε̂ = (x<sub>t</sub> − a<sub>t</sub> x̂<sub>0</sub>)/σ<sub>t</sub>, the slope dx̃/dσ̃ of the probability-flow ODE at z. */
  static NDArray epsilon(GaussianDiffusion noise, NDArray z, int t, NDArray x0) {
    double delta = noise.delta(t);
    return Scalars.over(z.sub(Scalars.times(x0, Math.sqrt(delta))), Math.sqrt(1 - delta));
  }

  /** EDM's σ̃<sub>t</sub> = √((1 − ᾱ<sub>t</sub>)/ᾱ<sub>t</sub>). */
  static double sigma(GaussianDiffusion noise, int t) {
    double delta = noise.delta(t);
    return Math.sqrt((1 - delta) / delta);
  }

  /**
   * x<sub>s</sub> = a<sub>s</sub>(x<sub>t</sub>/a<sub>t</sub> + Σ<sub>k</sub> c<sub>k</sub> d<sub>k</sub>): a step of x̃ taken back to x at s.
   *
   * @throws IllegalArgumentException at a time without signal (a<sub>t</sub> = 0, a zero-terminal
   *     schedule's T), where x̃ is infinite
   */
  static NDArray scaledStep(GaussianDiffusion noise, NDArray z, int t, int s, double[] factors, NDArray... slopes) {
    if (noise.delta(t) == 0) {
      throw new IllegalArgumentException("the steps in EDM's variables (euler, heun, euler-ancestral) cannot start at"
          + " t = " + t + ", where the schedule leaves no signal (zero terminal SNR); use dpm-solver++ or ddim, or"
          + " spacing: leading, which does not visit T");
    }
    double ratio = Math.sqrt(noise.delta(s) / noise.delta(t));
    NDArray x = Scalars.times(z, ratio);
    double signal = Math.sqrt(noise.delta(s));
    for (int k = 0; k < slopes.length; k++) {
      x = x.add(Scalars.times(slopes[k], signal * factors[k]));
    }
    return x;
  }
}

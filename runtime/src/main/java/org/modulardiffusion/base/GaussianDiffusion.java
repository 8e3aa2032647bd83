package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * A noise whose marginals are Gaussian: q(x<sub>t</sub> | x<sub>0</sub>) = N(a<sub>t</sub> x<sub>0</sub>,
 * σ<sub>t</sub>² I), that is x<sub>t</sub> = a<sub>t</sub> x<sub>0</sub> + σ<sub>t</sub> ε, with the signal
 * scale a<sub>t</sub> = √ᾱ<sub>t</sub> and the noise scale σ<sub>t</sub> = √(1 − ᾱ<sub>t</sub>), where ᾱ<sub>t</sub>
 * (delta<sub>t</sub>) is the cumulative product of the schedule's alpha. It is what solvers of the
 * diffusion need of a noise: the scales and the log-SNR λ<sub>t</sub> = log(a<sub>t</sub>²/σ<sub>t</sub>²) at
 * any time, and the net's estimates of x<sub>0</sub>, ε and v = a<sub>t</sub> ε − σ<sub>t</sub> x<sub>0</sub>.
 *
 * <p>A noise implements it beside extending {@code Noise<D>}; a sampler that needs it says so in its
 * type, as DDIM does by extending {@code SamplerNeeding<Normal, GaussianDiffusion>}, and then fits
 * only such a noise: at compile time on a model spec, at run time on every model assembled and
 * every sampler swapped in.
 */
public interface GaussianDiffusion {

  /**
   * ᾱ<sub>t</sub> (delta<sub>t</sub>) at step t = 0, …, T: the signal's squared scale, a host value read
   * without a device synchronisation.
   *
   * @param t the step, in 0..T
   * @return ᾱ<sub>t</sub>, in [0, 1]
   */
  double delta(int t);

  /**
   * The scales a<sub>t</sub> and σ<sub>t</sub> at the times {@code t} [b], each shaped [b, 1, …, 1] to
   * broadcast against {@code z}, on its device.
   *
   * @param z the noisy data, [b, …]
   * @param t the times, [b]
   * @return the scales
   */
  Scales scales(NDArray z, NDArray t);

  /**
   * What the net's first output estimates, where the noise fixes it — {@code "x"}, {@code
   * "epsilon"}, {@code "v"} or {@code "mu"}, as the standard noise's {@code parameter} names them —
   * so that a loss on that output can check that it trains the same; empty where the noise leaves it
   * unsaid.
   *
   * @return the name of the estimate, or empty
   */
  default Optional<String> prediction() {
    return Optional.empty();
  }

  /**
   * The net's estimate x̂<sub>0</sub> of the clean data at x<sub>t</sub> = {@code z}, from its prediction {@code hat}.
   *
   * @param z the noisy data, [b, …]
   * @param t the times, [b]
   * @param hat the net's prediction, [parameters, b, …]
   * @return x̂<sub>0</sub>, of z's shape
   */
  NDArray x0(NDArray z, NDArray t, NDArray hat);

  /**
   * The net's estimate ε̂ of the noise: (x<sub>t</sub> − a<sub>t</sub> x̂<sub>0</sub>)/σ<sub>t</sub>, unless the net
   * predicts ε itself.
   *
   * @param z the noisy data, [b, …]
   * @param t the times, [b]
   * @param hat the net's prediction, [parameters, b, …]
   * @return ε̂, of z's shape
   */
  default NDArray epsilon(NDArray z, NDArray t, NDArray hat) {
    return scales(z, t).epsilonFromX0(z, x0(z, t, hat));
  }

  /**
   * The net's estimate of v = a<sub>t</sub> ε̂ − σ<sub>t</sub> x̂<sub>0</sub>.
   *
   * @param z the noisy data, [b, …]
   * @param t the times, [b]
   * @param hat the net's prediction, [parameters, b, …]
   * @return v, of z's shape
   */
  default NDArray v(NDArray z, NDArray t, NDArray hat) {
    return scales(z, t).v(x0(z, t, hat), epsilon(z, t, hat));
  }

  /**
   * The log-SNR λ<sub>t</sub> = log(ᾱ<sub>t</sub>/(1 − ᾱ<sub>t</sub>)) at a time t in [0, T]; between two steps
   * it is interpolated linearly (as k-diffusion interpolates log σ), so that a solver may ask for
   * any time in between. +∞ where ᾱ<sub>t</sub> = 1.
   *
   * @param t the time, in [0, T]
   * @return λ<sub>t</sub>
   */
  default double logSnr(double t) {
    if (!(t >= 0)) {
      throw new IllegalArgumentException("t: expected a time ≥ 0, got " + t);
    }
    int below = (int) Math.floor(t);
    double above = t - below;
    double low = Math.log(delta(below)) - Math.log(1 - delta(below));
    if (above == 0) {
      return low;
    }
    int next = below + 1;
    double high = Math.log(delta(next)) - Math.log(1 - delta(next));
    return (1 - above) * low + above * high;
  }

  /**
   * The signal scale a<sub>t</sub> = √ᾱ<sub>t</sub> at a time t in [0, T], between steps that of {@link #logSnr}: √sigmoid(λ).
   *
   * @param t the time, in [0, T]
   * @return a<sub>t</sub>, in [0, 1]
   */
  default double signalScale(double t) {
    return t == Math.rint(t) && t >= 0 ? Math.sqrt(delta((int) t)) : Math.sqrt(1 / (1 + Math.exp(-logSnr(t))));
  }

  /**
   * The noise scale σ<sub>t</sub> = √(1 − ᾱ<sub>t</sub>) at a time t in [0, T], between steps that of {@link #logSnr}: √sigmoid(−λ).
   *
   * @param t the time, in [0, T]
   * @return σ<sub>t</sub>, in [0, 1]
   */
  default double noiseScale(double t) {
    return t == Math.rint(t) && t >= 0 ? Math.sqrt(1 - delta((int) t)) : Math.sqrt(1 / (1 + Math.exp(logSnr(t))));
  }

  /**
   * The signal scale a and the noise scale σ of some times, shaped to broadcast against the data,
   * with the conversions between x<sub>0</sub>, ε and v at x<sub>t</sub> = a x<sub>0</sub> + σ ε (a² + σ² = 1).
   *
   * @param signal a = √ᾱ
   * @param noise σ = √(1 − ᾱ)
   */
  record Scales(NDArray signal, NDArray noise) {

    /**
     * x<sub>t</sub> = a x<sub>0</sub> + σ ε.
     *
     * @param x0 the clean data x<sub>0</sub>, [b, …]
     * @param epsilon the standard noise ε, [b, …]
     * @return x<sub>t</sub>
     */
    public NDArray noised(NDArray x0, NDArray epsilon) {
      return signal.mul(x0).add(noise.mul(epsilon));
    }

    /**
     * x<sub>0</sub> = (x<sub>t</sub> − σ ε)/a.
     *
     * @param z the noisy data x<sub>t</sub>, [b, …]
     * @param epsilon the noise ε, [b, …]
     * @return x<sub>0</sub>
     */
    public NDArray x0FromEpsilon(NDArray z, NDArray epsilon) {
      return z.sub(noise.mul(epsilon)).div(signal);
    }

    /**
     * ε = (x<sub>t</sub> − a x<sub>0</sub>)/σ.
     *
     * @param z the noisy data x<sub>t</sub>, [b, …]
     * @param x0 the clean data x<sub>0</sub>, [b, …]
     * @return ε
     */
    public NDArray epsilonFromX0(NDArray z, NDArray x0) {
      return z.sub(signal.mul(x0)).div(noise);
    }

    /**
     * v = a ε − σ x<sub>0</sub>.
     *
     * @param x0 the clean data x<sub>0</sub>, [b, …]
     * @param epsilon the noise ε, [b, …]
     * @return v
     */
    public NDArray v(NDArray x0, NDArray epsilon) {
      return signal.mul(epsilon).sub(noise.mul(x0));
    }

    /**
     * x<sub>0</sub> = a x<sub>t</sub> − σ v.
     *
     * @param z the noisy data x<sub>t</sub>, [b, …]
     * @param v the velocity v, [b, …]
     * @return x<sub>0</sub>
     */
    public NDArray x0FromV(NDArray z, NDArray v) {
      return signal.mul(z).sub(noise.mul(v));
    }

    /**
     * ε = σ x<sub>t</sub> + a v.
     *
     * @param z the noisy data x<sub>t</sub>, [b, …]
     * @param v the velocity v, [b, …]
     * @return ε
     */
    public NDArray epsilonFromV(NDArray z, NDArray v) {
      return noise.mul(z).add(signal.mul(v));
    }
  }
}

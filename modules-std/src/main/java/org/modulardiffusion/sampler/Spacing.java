package org.modulardiffusion.sampler;

import java.util.Arrays;
import org.modulardiffusion.base.GaussianDiffusion;

/**
 * Which of the times T, …, 0 a step-skipping sampler visits in {@code n} steps, named as diffusers
 * names its {@code timestep_spacing} (and its {@code use_karras_sigmas}).
 *
 * <p>Translation: diffusers numbers the times its net is trained on 0, …, T − 1 and ends a run at
 * the clean data; here the net is trained on 1, …, T and t = 0 is the data, so diffusers' time
 * t<sub>d</sub> is our t<sub>d</sub> + 1, and a run ends with a step to 0. For T = 1000 and 10 steps
 * diffusers' {@code linspace} visits 999, 888, …, 111, 0, ours 1000, 889, …, 112, 1, 0; its
 * {@code leading} 900, 800, …, 0, ours 901, 801, …, 1, 0; its {@code trailing} 999, 899, …, 99, ours
 * 1000, 900, …, 100, 0. A sampler's step from t to s asks the net at t (Heun also at s), so the
 * net sees the same noise levels as in diffusers.
 */
public enum Spacing {
  /**
   * {@link #TRAILING} where the net predicts v or x and the schedule leaves some signal at T,
   * {@link #LEADING} otherwise: the first step from T, where the cosine schedule leaves almost no
   * signal, divides the error of a net that predicts ε by a<sub>T</sub> (on the toy2d moons DDIM in
   * 10 steps lands at a sliced-Wasserstein ratio of 5.7 from T, 0.047 from 901), while x̂<sub>0</sub>
   * = a<sub>t</sub> x<sub>t</sub> − σ<sub>t</sub> v̂ divides by nothing, and on nets that predict v
   * the trailing times gave the closest digits (docs/samplers.md). At a zero terminal SNR, T has no
   * signal to start from.
   */
  AUTO,
  /**
   * n times evenly spaced from T to 1, rounded (half to even, as NumPy), then 0: diffusers'
   * {@code np.linspace(0, T - 1, n).round()}; one step is T, 0.
   */
  LINSPACE,
  /**
   * The multiples of ⌊T/n⌋ below T, plus 1, then 0: diffusers' {@code arange(0, n) * (T // n)}. It
   * does not start at T: the stationary noise stands for the first time's, as in diffusers.
   */
  LEADING,
  /**
   * T·(n − i)/n for i = 0, …, n, rounded (halves up, where NumPy rounds to even): diffusers'
   * {@code round(arange(T, 0, -T/n)) - 1}; DDIM's spacing before spacings could be chosen.
   */
  TRAILING,
  /**
   * Karras et al. (2022), eq. 5: n noise levels σ<sub>i</sub> = (σ<sub>max</sub><sup>1/ρ</sup> + i/(n − 1)
   * (σ<sub>min</sub><sup>1/ρ</sup> − σ<sub>max</sub><sup>1/ρ</sup>))<sup>ρ</sup>, with σ<sub>t</sub> =
   * √((1 − ᾱ<sub>t</sub>)/ᾱ<sub>t</sub>) the noise's scale relative to the signal's, σ<sub>max</sub> that of T and
   * σ<sub>min</sub> that of 1, then 0. The net takes whole times, so each σ<sub>i</sub> goes to the time
   * whose σ it is, log σ interpolated linearly between steps (diffusers' {@code _sigma_to_t}), rounded
   * to the nearest whole step; times that round alike (with ρ = 7 many σ crowd near 1) are visited
   * once, so a run may take fewer steps than asked. Rounding rather than interpolating keeps the
   * net at the times it was trained on and every sampler's step exact between the times visited.
   */
  KARRAS;

  /**
   * The times visited in {@code steps} steps (at most T) of a diffusion of T = {@code total} steps,
   * strictly falling to 0; {@code noise} is asked only for {@link #KARRAS} and {@link #AUTO}, {@code
   * rho} only for {@link #KARRAS}.
   *
   * @param total T, the number of diffusion steps
   * @param steps the number of steps to take, ≥ 1
   * @param noise the model's noise
   * @param rho the Karras schedule's ρ
   * @return the times, from the first down to 0
   */
  public int[] times(int total, int steps, GaussianDiffusion noise, double rho) {
    if (this == AUTO) {
      return forNet(noise, total).times(total, steps, noise, rho);
    }
    int n = Math.min(steps, total);
    int[] times = new int[n + 1];
    switch (this) {
      case LINSPACE -> {
        for (int i = 0; i < n; i++) {
          times[i] = n == 1 ? total : 1 + (int) Math.rint((double) (total - 1) * (n - 1 - i) / (n - 1));
        }
      }
      case LEADING -> {
        for (int i = 0; i < n; i++) {
          times[i] = (total / n) * (n - 1 - i) + 1;
        }
      }
      case TRAILING -> {
        for (int i = 0; i < n; i++) {
          times[i] = (int) Math.round((double) total * (n - i) / n);
        }
      }
      case KARRAS -> {
        return karras(total, n, noise, rho);
      }
    }
    return times;
  }

  /** What {@link #AUTO} stands for with {@code noise} over {@code total} steps. */
  static Spacing forNet(GaussianDiffusion noise, int total) {
    boolean estimatesWithoutDividing = noise.prediction().filter(p -> p.equals("v") || p.equals("x")).isPresent();
    return estimatesWithoutDividing && noise.delta(total) > 0 ? TRAILING : LEADING;
  }

  /** The Karras times: see {@link #KARRAS}. */
  private static int[] karras(int total, int n, GaussianDiffusion noise, double rho) {
    if (!(rho > 0)) {
      throw new IllegalArgumentException("rho: expected a value > 0, got " + rho);
    }
    // log σ_t for t = 1..T; at T it may be infinite (a zero terminal SNR): then σ_max is that of the
    // last finite step, and the run still starts at T.
    double[] logSigma = new double[total + 1];
    int top = total;
    for (int t = 1; t <= total; t++) {
      double delta = noise.delta(t);
      logSigma[t] = 0.5 * (Math.log(1 - delta) - Math.log(delta));
    }
    while (top > 1 && !Double.isFinite(logSigma[top])) {
      top--;
    }
    double high = Math.pow(Math.exp(logSigma[top]), 1 / rho);
    double low = Math.pow(Math.exp(logSigma[1]), 1 / rho);
    int[] times = new int[n + 1];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double sigma = Math.pow(n == 1 ? high : high + (double) i / (n - 1) * (low - high), rho);
      int t = i == 0 ? total : timeOf(Math.log(sigma), logSigma, top);
      if (kept == 0 || t < times[kept - 1]) {
        times[kept++] = t;
      }
    }
    times[kept++] = 0;
    return Arrays.copyOf(times, kept);
  }

  /** The whole time in 1..top nearest the time whose log σ is {@code target}, log σ interpolated linearly between steps. */
  private static int timeOf(double target, double[] logSigma, int top) {
    if (target <= logSigma[1]) {
      return 1;
    }
    if (target >= logSigma[top]) {
      return top;
    }
    int t = 1;
    while (logSigma[t + 1] < target) {
      t++;
    }
    double share = (target - logSigma[t]) / (logSigma[t + 1] - logSigma[t]);
    return (int) Math.rint(t + share);
  }
}

package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.noise.Gaussian;

/**
 * Data from N(μ, s²), diffused by a Gaussian noise that predicts x<sub>0</sub>, and the ideal
 * denoiser as its net: an exact answer for the solvers of the probability-flow ODE.
 *
 * <p>With x<sub>t</sub> = a<sub>t</sub> x<sub>0</sub> + σ<sub>t</sub> ε, x<sub>t</sub> is N(a<sub>t</sub> μ, a<sub>t</sub>² s² +
 * σ<sub>t</sub>²), jointly Gaussian with x<sub>0</sub> (covariance a<sub>t</sub> s²), so the ideal denoiser is
 * E[x<sub>0</sub> | x<sub>t</sub>] = μ + a<sub>t</sub> s²/(a<sub>t</sub>² s² + σ<sub>t</sub>²)·(x<sub>t</sub> − a<sub>t</sub> μ).
 *
 * <p>The probability-flow ODE's solution. In EDM's variables x̃ = x<sub>t</sub>/a<sub>t</sub> = x<sub>0</sub> +
 * σ̃ ε, σ̃ = σ<sub>t</sub>/a<sub>t</sub>, the ODE is dx̃/dσ̃ = (x̃ − D(x̃, σ̃))/σ̃ with D the ideal denoiser,
 * here D = μ + s²/(s² + σ̃²)·(x̃ − μ); so dx̃/dσ̃ = (x̃ − μ)·σ̃/(s² + σ̃²), whose solution is
 * (x̃ − μ)/√(s² + σ̃²) constant along a path. From σ̃<sub>T</sub> to σ̃<sub>0</sub>, and back in x (√(s² +
 * σ̃²) = √(a² s² + σ²)/a):
 * x<sub>0</sub> = a<sub>0</sub> μ + (x<sub>T</sub> − a<sub>T</sub> μ)·√(a<sub>0</sub>² s² + σ<sub>0</sub>²)/√(a<sub>T</sub>² s² + σ<sub>T</sub>²).
 * It depends on the scales at T and 0 alone, not on the path between them: whatever times a solver
 * visits, it solves the same ODE with the same answer. (t = 0 is not quite the clean data: ᾱ<sub>0</sub>
 * &lt; 1.)
 */
final class GaussianData implements Sampling<Normal> {
  final double mu;
  final double s;
  final Gaussian noise;
  private final NDManager manager;
  int evaluations;

  GaussianData(NDManager manager, double mu, double s, org.modulardiffusion.base.Schedule schedule) {
    this.manager = manager;
    this.mu = mu;
    this.s = s;
    this.noise = new Gaussian(Gaussian.Parameter.X, Gaussian.Variance.FIXED);
    noise.schedule(schedule.compute(manager));
  }

  @Override
  public Noise<Normal> noise() {
    return noise;
  }

  @Override
  public NDArray time(NDArray z, int t) {
    return manager.full(new Shape(z.getShape().get(0)), t, DataType.INT64);
  }

  /** The ideal denoiser E[x<sub>0</sub> | x<sub>t</sub>] as the net's prediction of x<sub>0</sub>, [1, b, …]. */
  @Override
  public NDArray predict(NDArray z, NDArray time) {
    evaluations++;
    double delta = noise.delta((int) time.toLongArray()[0]);
    double a = Math.sqrt(delta);
    double gain = a * s * s / (delta * s * s + (1 - delta));
    return z.sub(a * mu).mul(gain).add(mu).expandDims(0);
  }

  @Override
  public double bound() {
    return 0;
  }

  /** The probability-flow ODE's solution at t = 0 from x at time {@code total} = {@code start} (T, or a spacing's first time): see the class's Javadoc. */
  double[] exact(double[] start, int total) {
    double deltaT = noise.delta(total);
    double delta0 = noise.delta(0);
    double ratio = Math.sqrt(delta0 * s * s + 1 - delta0) / Math.sqrt(deltaT * s * s + 1 - deltaT);
    double[] end = new double[start.length];
    for (int i = 0; i < start.length; i++) {
      end[i] = Math.sqrt(delta0) * mu + (start[i] - Math.sqrt(deltaT) * mu) * ratio;
    }
    return end;
  }

  /** x<sub>0</sub> as {@code sampler} takes x<sub>T</sub> = {@code start} there, a run as the model takes it, in float64: the
   * solvers' errors, not float32's rounding (about 10<sup>-5</sup> after hundreds of steps). */
  double[] solve(Sampler<Normal> sampler, double[] start, int total) {
    int[] times = sampler.times(noise, total);
    NDArray z = manager.create(start);
    try (Sampler.Run run = sampler.run(this)) {
      for (int i = 1; i < times.length; i++) {
        z = run.step(z, times[i - 1], times[i]);
      }
    }
    return z.toDoubleArray();
  }
}

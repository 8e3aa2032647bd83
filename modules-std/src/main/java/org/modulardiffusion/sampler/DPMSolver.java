package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.SamplerNeeding;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.nn.Scalars;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, algorithm 2): a multistep solver of the probability-flow ODE in
 * the log-SNR λ = log(a/σ), exact in the linear part, that extrapolates the net's estimates
 * x̂<sub>0</sub>. From t to s, with h = λ<sub>s</sub> − λ<sub>t</sub>: x<sub>s</sub> = (σ<sub>s</sub>/σ<sub>t</sub>) x<sub>t</sub>
 * + a<sub>s</sub>(1 − e<sup>−h</sup>) D, where D = x̂<sub>0</sub>(t) at first order and, at second,
 * D = (1 + 1/(2r)) x̂<sub>0</sub>(t) − 1/(2r) x̂<sub>0</sub>(t<sub>prev</sub>) with r = (λ<sub>t</sub> −
 * λ<sub>prev</sub>)/h. The first step, having no earlier estimate, and the last, to 0, are first
 * order (diffusers' {@code lower_order_final}: the last step's estimate is the sample, and
 * extrapolating the net's estimates near the data amplifies their errors). One net evaluation a
 * step. First order is deterministic DDIM, written in λ. The estimates are clipped as DDIM clips
 * them.
 */
@SamplerModule(name = "dpm-solver++")
public final class DPMSolver extends SamplerNeeding<Normal, GaussianDiffusion> {
  private final int steps;
  private final int order;
  private final Spacing spacing;
  private final double rho;
  private final double clip;

  /**
   * @param steps the number of steps taken, ≥ 1
   * @param order 2 for DPM-Solver++(2M), 1 for its first order (deterministic DDIM)
   * @param spacing which times are visited
   * @param rho Karras spacing's ρ
   * @param clip the bound of the x̂<sub>0</sub> estimate; 0 for none; -1 for the data's own
   */
  public DPMSolver(
      @Param(defaultValue = "20", min = 1, description = "how many steps to take (one net evaluation each)") int steps,
      @Param(defaultValue = "2", min = 1, max = 2, description = "2 for DPM-Solver++(2M), 1 for first order (DDIM)") int order,
      @Param(defaultValue = "trailing", description = "which times to visit: linspace, leading, trailing as diffusers"
          + " names them, or karras") Spacing spacing,
      @Param(defaultValue = "7", min = 1, description = "rho of the karras spacing") double rho,
      @Param(defaultValue = "-1", min = -1, description = "clip the x0 estimate to [-clip, clip]; 0 for no clipping;"
          + " -1 for the data's own bound (1 for images), none where it has none") double clip) {
    DPMSolver_Parameters.check(steps, order, rho, clip);
    Denoised.checkClip(clip);
    this.steps = steps;
    this.order = order;
    this.spacing = spacing;
    this.rho = rho;
    this.clip = clip;
  }

  @Override
  protected int[] timesFor(GaussianDiffusion noise, int total) {
    return spacing.times(total, steps, noise, rho);
  }

  /** A first-order step, without the run's earlier estimates. */
  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    return update(noise, z, t, s, Denoised.x0(noise, sampling, z, t, clip));
  }

  @Override
  protected Run run(GaussianDiffusion noise, Sampling<Normal> sampling) {
    return new Multistep(noise, sampling);
  }

  /** x<sub>s</sub> = (σ<sub>s</sub>/σ<sub>t</sub>) x<sub>t</sub> + a<sub>s</sub>(1 − e<sup>−h</sup>) D, with a<sub>s</sub> e<sup>−h</sup> = a<sub>t</sub>σ<sub>s</sub>/σ<sub>t</sub>. */
  private static NDArray update(GaussianDiffusion noise, NDArray z, int t, int s, NDArray d) {
    double signalT = Math.sqrt(noise.delta(t));
    double signalS = Math.sqrt(noise.delta(s));
    double ratio = Math.sqrt((1 - noise.delta(s)) / (1 - noise.delta(t)));
    return Scalars.times(z, ratio).add(Scalars.times(d, signalS - signalT * ratio));
  }

  /** λ<sub>t</sub> = log(a<sub>t</sub>/σ<sub>t</sub>), half the log-SNR. */
  private static double lambda(GaussianDiffusion noise, int t) {
    double delta = noise.delta(t);
    return 0.5 * (Math.log(delta) - Math.log(1 - delta));
  }

  @Override
  public String toString() {
    return "DPM-Solver++(" + (order == 2 ? "2M" : "1") + ", " + steps + ", " + spacing.name().toLowerCase(java.util.Locale.ROOT)
        + (clip > 0 ? ", clip " + clip : clip == Denoised.DATA_BOUND ? ", clip to the data's bound" : "") + ")";
  }

  /** A run, remembering the last estimate x̂<sub>0</sub> and its time on a manager of its own, out of its step's scope. */
  private final class Multistep implements Run {
    private final GaussianDiffusion noise;
    private final Sampling<Normal> sampling;
    private NDManager kept;
    private NDArray previous;
    private int previousTime = -1;

    Multistep(GaussianDiffusion noise, Sampling<Normal> sampling) {
      this.noise = noise;
      this.sampling = sampling;
    }

    @Override
    public NDArray step(NDArray z, int t, int s) {
      NDArray x0 = Denoised.x0(noise, sampling, z, t, clip);
      NDArray d = x0;
      if (order == 2 && previous != null && s > 0 && previousTime > t) {
        double h = lambda(noise, s) - lambda(noise, t);
        double r = (lambda(noise, t) - lambda(noise, previousTime)) / h;
        d = Scalars.times(x0, 1 + 1 / (2 * r)).sub(Scalars.times(previous, 1 / (2 * r)));
      }
      NDArray next = update(noise, z, t, s, d);
      forget();
      if (order == 2 && s > 0) {
        if (kept == null) {
          kept = NDManager.newBaseManager(z.getDevice());
        }
        NDScope.unregister(x0);
        x0.attach(kept);
        previous = x0;
        previousTime = t;
      }
      return next;
    }

    private void forget() {
      if (previous != null) {
        previous.close();
        previous = null;
      }
    }

    @Override
    public void close() {
      forget();
      if (kept != null) {
        kept.close();
      }
    }
  }
}

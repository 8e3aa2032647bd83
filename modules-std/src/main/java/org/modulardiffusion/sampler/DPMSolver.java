package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.GaussianDiffusion;
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
public final class DPMSolver extends SteppingSampler {
  private final int order;

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
      @Param(defaultValue = AUTO, description = SPACING) Spacing spacing,
      @Param(defaultValue = RHO_DEFAULT, min = 1, description = RHO) double rho,
      @Param(defaultValue = CLIP_DEFAULT, min = -1, description = CLIP) double clip) {
    super(steps, spacing, rho, clip);
    DPMSolver_Parameters.check(steps, order, rho, clip);
    this.order = order;
  }

  /** A first-order step, without the run's earlier estimates. */
  @Override
  protected NDArray step(GaussianDiffusion noise, Sampling<Normal> sampling, NDArray z, int t, int s) {
    return update(noise, z, t, s, x0(noise, sampling, z, t));
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
    return describe("DPM-Solver++", Spacing.AUTO, order == 2 ? "2M" : "1");
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
      NDArray x0 = x0(noise, sampling, z, t);
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

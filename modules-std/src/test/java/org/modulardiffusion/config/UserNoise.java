package org.modulardiffusion.config;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.nn.Scalars;

/**
 * A user's Gaussian noise, written as a plugin author would: DDPM with a net that predicts ε
 * (Ho et al. 2020), over the standard {@link Normal}. It says that its marginals are Gaussian by
 * implementing {@link GaussianDiffusion}, so DDIM can sample it. With delta<sub>t</sub> the
 * cumulative product of alpha: q(x<sub>t</sub> | x<sub>0</sub>) = N(√delta<sub>t</sub> x<sub>0</sub>, 1 − delta<sub>t</sub>),
 * and p(x<sub>t-1</sub> | x<sub>t</sub>) = N((x<sub>t</sub> − (1 − alpha<sub>t</sub>)/√(1 − delta<sub>t</sub>) ε̂)/√alpha<sub>t</sub>,
 * sigma<sub>t</sub>²) with the posterior's sigma<sub>t</sub>.
 */
@NoiseModule
public final class UserNoise extends Noise<Normal> implements GaussianDiffusion {
  private NDArray alpha;
  private NDArray delta;
  private float[] deltas;

  @Override
  public void schedule(NDArray alpha) {
    this.alpha = alpha;
    this.delta = alpha.cumProd(0);
    this.deltas = delta.toFloatArray();
  }

  @Override
  public Normal stationary(NDManager manager, Shape shape) {
    return new Normal(manager.zeros(shape), manager.ones(shape));
  }

  @Override
  public Normal prior(NDArray x, NDArray t) {
    Scales scales = scales(x, t);
    return new Normal(scales.signal().mul(x), scales.noise());
  }

  @Override
  public Normal posterior(NDArray x, NDArray z, NDArray t) {
    int rank = x.getShape().dimension();
    NDArray a = at(alpha, t, rank);
    NDArray d = at(delta, t, rank);
    NDArray previous = at(delta, t.sub(1), rank);
    NDArray mu = a.sqrt().mul(Scalars.minus(1, previous)).mul(z).add(previous.sqrt().mul(Scalars.minus(1, a)).mul(x));
    return new Normal(mu.div(Scalars.minus(1, d)), sigma(a, d, previous));
  }

  @Override
  public Normal approximate(NDArray z, NDArray t, NDArray hat) {
    int rank = z.getShape().dimension();
    NDArray a = at(alpha, t, rank);
    NDArray d = at(delta, t, rank);
    NDArray previous = at(delta, t.sub(1), rank);
    NDArray mu = z.sub(Scalars.minus(1, a).div(Scalars.minus(1, d).sqrt()).mul(hat.get(0))).div(a.sqrt());
    return new Normal(mu, sigma(a, d, previous));
  }

  private static NDArray sigma(NDArray a, NDArray d, NDArray previous) {
    return Scalars.minus(1, a).mul(Scalars.minus(1, previous)).div(Scalars.minus(1, d)).sqrt();
  }

  @Override
  public double delta(int t) {
    return deltas[t];
  }

  @Override
  public Scales scales(NDArray z, NDArray t) {
    NDArray d = at(delta, t, z.getShape().dimension());
    return new Scales(d.sqrt(), Scalars.minus(1, d).sqrt());
  }

  /** x̂<sub>0</sub> = (x<sub>t</sub> − √(1 − delta<sub>t</sub>) ε̂)/√delta<sub>t</sub>. */
  @Override
  public NDArray x0(NDArray z, NDArray t, NDArray hat) {
    return scales(z, t).x0FromEpsilon(z, hat.get(0));
  }

  /** The net predicts ε itself. */
  @Override
  public NDArray epsilon(NDArray z, NDArray t, NDArray hat) {
    return hat.get(0);
  }
}

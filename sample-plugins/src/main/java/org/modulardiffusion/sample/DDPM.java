package org.modulardiffusion.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.PredictsEpsilon;

/**
 * The tutorial's Gaussian noise of DDPM, whose net predicts epsilon. With delta<sub>t</sub> =
 * alpha<sub>0</sub>⋯alpha<sub>t</sub>, the cumulative product, it follows Ho et al. (2020):
 *
 * <ul>
 *   <li>q(x<sub>T</sub>) = N(0, I);
 *   <li>q(x<sub>t</sub> | x<sub>0</sub>) = N(√delta<sub>t</sub> x<sub>0</sub>, (1 − delta<sub>t</sub>) I);
 *   <li>q(x<sub>t-1</sub> | x<sub>t</sub>, x<sub>0</sub>) = N((√alpha<sub>t</sub> (1 − delta<sub>t-1</sub>) x<sub>t</sub>
 *       + √delta<sub>t-1</sub> (1 − alpha<sub>t</sub>) x<sub>0</sub>) / (1 − delta<sub>t</sub>), sigma<sub>t</sub>² I);
 *   <li>p(x<sub>t-1</sub> | x<sub>t</sub>) = N((x<sub>t</sub> − (1 − alpha<sub>t</sub>) / √(1 − delta<sub>t</sub>) ε̂)
 *       / √alpha<sub>t</sub>, sigma<sub>t</sub>² I),
 * </ul>
 *
 * where sigma<sub>t</sub>² = (1 − alpha<sub>t</sub>)(1 − delta<sub>t-1</sub>) / (1 − delta<sub>t</sub>). As its net
 * predicts epsilon, it is a {@link PredictsEpsilon}: the processor refuses it beside a schedule that
 * leaves no signal at T.
 */
@NoiseModule
public final class DDPM extends Noise<TutorialNormal> implements PredictsEpsilon {
  private NDArray alpha;
  private NDArray delta;

  @Override
  public void schedule(NDArray alpha) {
    this.alpha = alpha;
    this.delta = alpha.cumProd(0);
  }

  @Override
  public TutorialNormal stationary(NDManager manager, Shape shape) {
    return new TutorialNormal(manager.zeros(shape), manager.ones(shape));
  }

  @Override
  public TutorialNormal prior(NDArray x, NDArray t) {
    NDArray d = at(delta, t, rank(x));
    return new TutorialNormal(d.sqrt().mul(x), oneMinus(d).sqrt());
  }

  @Override
  public TutorialNormal posterior(NDArray x, NDArray z, NDArray t) {
    NDArray a = at(alpha, t, rank(x));
    NDArray d = at(delta, t, rank(x));
    NDArray previous = at(delta, t.sub(1), rank(x));
    NDArray mu = a.sqrt().mul(oneMinus(previous)).mul(z).add(previous.sqrt().mul(oneMinus(a)).mul(x));
    return new TutorialNormal(mu.div(oneMinus(d)), sigma(a, d, previous));
  }

  @Override
  public TutorialNormal approximate(NDArray z, NDArray t, NDArray hat) {
    NDArray a = at(alpha, t, rank(z));
    NDArray d = at(delta, t, rank(z));
    NDArray previous = at(delta, t.sub(1), rank(z));
    NDArray mu = z.sub(oneMinus(a).div(oneMinus(d).sqrt()).mul(hat.get(0))).div(a.sqrt());
    return new TutorialNormal(mu, sigma(a, d, previous));
  }

  /** sigma<sub>t</sub> = √((1 − alpha<sub>t</sub>)(1 − delta<sub>t-1</sub>) / (1 − delta<sub>t</sub>)). */
  private static NDArray sigma(NDArray a, NDArray d, NDArray previous) {
    return oneMinus(a).mul(oneMinus(previous)).div(oneMinus(d)).sqrt();
  }

  private static NDArray oneMinus(NDArray value) {
    return value.neg().add(1);
  }

  private static int rank(NDArray x) {
    return x.getShape().dimension();
  }
}

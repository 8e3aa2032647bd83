package org.modulardiffusion.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.distribution.Categorical;
import org.modulardiffusion.nn.Scalars;

/**
 * Categorical noise on one-hot data over k classes (Austin et al. 2021), from a transition
 * matrix A: one step moves a class by Q<sub>t</sub> = alpha<sub>t</sub>·I + (1 − alpha<sub>t</sub>)·A,
 * t steps by R<sub>t</sub> = delta<sub>t</sub>·I + (1 − delta<sub>t</sub>)·A.
 *
 * <ul>
 *   <li>prior q(x<sub>t</sub> | x<sub>0</sub>) = Cat(x<sub>0</sub> R<sub>t</sub>);
 *   <li>posterior q(x<sub>t-1</sub> | x<sub>t</sub>, x<sub>0</sub>) ∝ (x<sub>t</sub> Q<sub>t</sub>ᵀ) ⊙ (x<sub>0</sub> R<sub>t-1</sub>),
 *       normalised by Σ (x<sub>0</sub> R<sub>t</sub>) ⊙ x<sub>t</sub>;
 *   <li>approximate: the posterior with the net's predicted x<sub>0</sub>.
 * </ul>
 */
public abstract class CategoricalNoise extends Noise<Categorical> {
  private final int k;
  private NDArray alpha;
  private NDArray delta;
  private NDArray identity;
  private NDArray transition;

  /** @param k the number of classes, at least 2: a subclass states it in its {@code @Param} and checks it */
  protected CategoricalNoise(int k) {
    this.k = k;
  }

  /** The number of classes. */
  public final int k() {
    return k;
  }

  /** The transition matrix A, [k, k], each row a probability distribution. */
  protected abstract NDArray transition(NDManager manager);

  @Override
  public final void schedule(NDArray alpha) {
    this.alpha = alpha;
    this.delta = alpha.cumProd(0);
    this.identity = alpha.getManager().eye(k);
    this.transition = transition(alpha.getManager());
  }

  /** Q<sub>t</sub> for each sample, [b, k, k]. */
  public final NDArray q(NDArray t) {
    return mix(alpha, t);
  }

  /** R<sub>t</sub> for each sample, [b, k, k]. */
  public final NDArray r(NDArray t) {
    return mix(delta, t);
  }

  private NDArray mix(NDArray weights, NDArray t) {
    NDArray w = at(weights, t, 3);
    return w.mul(identity).add(Scalars.minus(1, w).mul(transition));
  }

  @Override
  public final Categorical prior(NDArray x, NDArray t) {
    return new Categorical(times(x, r(t)));
  }

  @Override
  public final Categorical posterior(NDArray x, NDArray z, NDArray t) {
    NDArray forward = times(z, q(t).transpose(0, 2, 1));
    NDArray backward = times(x, r(Scalars.plus(t, -1)));
    NDArray norm = times(x, r(t)).mul(z).sum(new int[] {-1}, true);
    return new Categorical(forward.mul(backward).div(norm));
  }

  @Override
  public final Categorical approximate(NDArray z, NDArray t, NDArray hat) {
    return posterior(hat.get(0), z, t);
  }

  /** Multiplies each sample's one-hot rows [b, …, k] by its matrix [b, k, k]. */
  private static NDArray times(NDArray x, NDArray matrices) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0), -1, shape.getLastDimension()).matMul(matrices).reshape(shape);
  }
}

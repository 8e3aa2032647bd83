package org.modulardiffusion.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 *
 * <p>The prior and posterior multiply rows by those matrices without forming them: x R<sub>t</sub>
 * = delta<sub>t</sub>·x + (1 − delta<sub>t</sub>)·x A, which is the Python library's x @ R<sub>t</sub>
 * up to rounding, and spares a [b, k, k] array for each matrix and sample.
 */
public abstract class CategoricalNoise extends Noise<Categorical> {
  private final int k;
  private NDArray alpha;
  private NDArray delta;
  private NDArray identity;
  private NDArray transition;
  private NDArray transposed;

  /** @param k the number of classes, at least 2: a subclass states it in its {@code @Param} and checks it */
  protected CategoricalNoise(int k) {
    this.k = k;
  }

  /**
   * The number of classes.
   *
   * @return k
   */
  public final int k() {
    return k;
  }

  /**
   * The transition matrix A, [k, k], each row a probability distribution.
   *
   * @param manager where the matrix lives
   * @return A
   */
  protected abstract NDArray transition(NDManager manager);

  @Override
  public final void schedule(NDArray alpha) {
    this.alpha = alpha;
    this.delta = alpha.cumProd(0);
    this.identity = alpha.getManager().eye(k);
    this.transition = transition(alpha.getManager());
    this.transposed = transition.transpose();
  }

  /**
   * Q<sub>t</sub> for each sample, [b, k, k].
   *
   * @param t the times, [b]
   * @return Q<sub>t</sub>
   */
  public final NDArray q(NDArray t) {
    return mix(alpha, t);
  }

  /**
   * R<sub>t</sub> for each sample, [b, k, k].
   *
   * @param t the times, [b]
   * @return R<sub>t</sub>
   */
  public final NDArray r(NDArray t) {
    return mix(delta, t);
  }

  private NDArray mix(NDArray weights, NDArray t) {
    NDArray w = at(weights, t, 3);
    return w.mul(identity).add(Scalars.minus(1, w).mul(transition));
  }

  @Override
  public final Categorical prior(NDArray x, NDArray t) {
    return new Categorical(mixed(delta, t, x, x.matMul(transition)));
  }

  @Override
  public final Categorical posterior(NDArray x, NDArray z, NDArray t) {
    NDArray moved = x.matMul(transition);
    NDArray forward = mixed(alpha, t, z, z.matMul(transposed)); // z Q_tᵀ
    NDArray backward = mixed(delta, Scalars.plus(t, -1), x, moved); // x R_{t-1}
    NDArray norm = mixed(delta, t, x, moved).mul(z).sum(new int[] {-1}, true); // Σ x R_t ⊙ z
    return new Categorical(forward.mul(backward).div(norm));
  }

  /**
   * The rows {@code x} [b, …, k] times each sample's w<sub>t</sub>·I + (1 − w<sub>t</sub>)·M, given
   * {@code moved}, the rows times M.
   */
  private static NDArray mixed(NDArray weights, NDArray t, NDArray x, NDArray moved) {
    NDArray w = at(weights, t, x.getShape().dimension());
    return w.mul(x).add(Scalars.minus(1, w).mul(moved));
  }

  @Override
  public final Categorical approximate(NDArray z, NDArray t, NDArray hat) {
    return posterior(hat.get(0), z, t);
  }
}

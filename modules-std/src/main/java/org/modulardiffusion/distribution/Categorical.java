package org.modulardiffusion.distribution;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.DistributionModule;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.Sample;
import org.modulardiffusion.nn.Scalars;

/**
 * Categorical distributions over k classes, one per element: the last axis of p holds the class
 * probabilities. Values are one-hot vectors.
 */
@DistributionModule
public final class Categorical implements Distribution<Categorical> {
  /** Keeps logarithms finite where a probability is 0, as the Python library does. */
  private static final double EPSILON = 1e-6;

  private final NDArray p;

  /** @param p the class probabilities, [..., k] */
  public Categorical(NDArray p) {
    this.p = p;
  }

  /**
   * The class probabilities, [..., k].
   *
   * @return the probabilities
   */
  public NDArray p() {
    return p;
  }

  /** Draws a class per element by inverting the cumulative distribution; no noise. */
  @Override
  public Sample sample() {
    int k = Math.toIntExact(p.getShape().getLastDimension());
    NDArray cumulative = p.cumSum(-1);
    NDArray total = cumulative.get("..., -1:");
    NDArray u = Draws.uniform(p.getManager(), total.getShape()).mul(total);
    // At most k − 1 where rounding leaves u above the last cumulative value. (Not clip, whose two
    // bounds DJL reads back to the host: a synchronisation on a GPU.)
    NDArray index = Scalars.atMost(cumulative.lte(u).sum(new int[] {-1}), k - 1);
    return new Sample(index.oneHot(k), null);
  }

  /** −log(Σ p·x + 1e-6), x one-hot over the last axis. */
  @Override
  public NDArray nll(NDArray x) {
    return Scalars.plus(p.mul(x).sum(new int[] {-1}), EPSILON).log().neg();
  }

  /** Σ p₁(log p₁ − log p₂) over the last axis, with 1e-6 added to both. */
  @Override
  public NDArray dkl(Categorical other) {
    NDArray p1 = Scalars.plus(p, EPSILON);
    NDArray p2 = Scalars.plus(other.p, EPSILON);
    return p1.mul(p1.log().sub(p2.log())).sum(new int[] {-1});
  }
}

package org.modulardiffusion.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.GuidanceModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Denoiser;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.nn.Scalars;

/**
 * Classifier-free guidance (Ho and Salimans 2022): in training a fraction {@code dropout} of each
 * batch's labels is replaced by 0 ("no label"); in sampling the prediction is
 * (1 + strength)·hat(z, y) − strength·hat(z, 0).
 */
@GuidanceModule
public final class ClassifierFree extends Guidance {
  private final double dropout;
  private final double strength;

  /**
   * @param dropout the fraction of labels hidden in training, in [0, 1]
   * @param strength w ≥ 0
   */
  public ClassifierFree(
      @Param(defaultValue = "0.1", min = 0, max = 1, description = "the share of labels dropped in training") double dropout,
      @Param(defaultValue = "2", min = 0, description = "the guidance strength") double strength) {
    ClassifierFree_Parameters.check(dropout, strength);
    this.dropout = dropout;
    this.strength = strength;
  }

  /**
   * A copy of y in which floor(b·dropout) labels, chosen at random, are 0. The labels given are
   * never changed.
   */
  @Override
  public NDArray dropLabels(NDArray y) {
    long size = y.getShape().get(0);
    long dropped = (long) Math.floor(size * dropout);
    // The rank of each sample in a random order; the lowest ranks are dropped.
    NDArray rank = y.getManager().randomUniform(0, 1, new Shape(size)).argSort().argSort();
    return NDArrays.where(rank.lt(Scalars.of(rank, dropped)), y.zerosLike(), y);
  }

  /** Predicts for the labels and without them in one pass of the net, then extrapolates. */
  @Override
  public NDArray predict(Denoiser net, NDArray z, NDArray y, NDArray t) {
    NDArray both =
        net.predict(z.concat(z), y.concat(y.zerosLike()), t.concat(t));
    NDList halves = both.split(2, 1);
    return Scalars.times(halves.get(0), 1 + strength).sub(Scalars.times(halves.get(1), strength));
  }

  /** Each example twice, with its label and without. */
  @Override
  public int netExamplesPerSample() {
    return 2;
  }

  @Override
  public String toString() {
    return "ClassifierFree(" + dropout + ", " + strength + ")";
  }
}

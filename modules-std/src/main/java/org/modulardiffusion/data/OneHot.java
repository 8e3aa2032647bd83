package org.modulardiffusion.data;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.DataModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Data;

/**
 * Turns class indices into one-hot vectors over k classes, batch by batch, so a data set of
 * tokens stays small; decodes by the most likely class.
 */
@DataModule(produces = "one-hot")
public final class OneHot extends Data {
  private final int k;

  /** @param k the number of classes */
  public OneHot(@Param(min = 2, description = "the number of categories") int k) {
    OneHot_Parameters.check(k);
    this.k = k;
  }

  /**
   * The number of classes.
   *
   * @return k, ≥ 2
   */
  public int k() {
    return k;
  }

  @Override
  public NDArray encode(NDArray w) {
    return w.oneHot(k);
  }

  @Override
  public NDArray decode(NDArray x) {
    return x.argMax(-1);
  }

  @Override
  public String toString() {
    return "OneHot(" + k + ")";
  }
}

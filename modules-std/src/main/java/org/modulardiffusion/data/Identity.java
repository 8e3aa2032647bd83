package org.modulardiffusion.data;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.DataModule;
import org.modulardiffusion.base.Data;

/** Leaves data as it is: diffusion happens in the data set's own space. */
@DataModule
public final class Identity extends Data {

  @Override
  public NDArray encode(NDArray w) {
    return w;
  }

  @Override
  public double bound(double bound) {
    return bound;
  }

  @Override
  public NDArray decode(NDArray x) {
    return x;
  }

  @Override
  public String toString() {
    return "Identity";
  }
}

package org.modulardiffusion.loss;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Loss;

/**
 * A loss given as a function of the batch, for one-off experiments.
 *
 * @param <D> the distribution the function can handle
 */
public final class Lambda<D extends Distribution<D>> extends Loss<D> {
  private final Function<Batch<D>, NDArray> function;

  /** @param function computes the scalar loss of a batch */
  public Lambda(Function<Batch<D>, NDArray> function) {
    this.function = function;
  }

  @Override
  public NDArray compute(Batch<D> batch) {
    return function.apply(batch);
  }
}

package org.modulardiffusion.config;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.modulardiffusion.annotation.LossModule;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Loss;

/**
 * A loss that returns float64, for the check of a whole training step: the mean squared error of
 * the first prediction, widened.
 *
 * @param <D> any distribution
 */
@LossModule
public final class WideLoss<D extends Distribution<D>> extends Loss<D> {

  @Override
  public NDArray compute(Batch<D> batch) {
    return batch.x().sub(batch.hat().get(0)).square().mean().toType(DataType.FLOAT64, false);
  }
}

package org.modulardiffusion.sample;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.LossModule;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Loss;

/**
 * The tutorial's simple loss, E[‖epsilon − ε̂<sub>θ</sub>‖²], where the net's first parameter
 * ε̂<sub>θ</sub> predicts the noise. It is L<sub>simple</sub> of Ho et al. (2020).
 *
 * @param <D> any distribution whose noise records epsilon
 */
@LossModule
public final class TutorialSimple<D extends Distribution<D>> extends Loss<D> {

  @Override
  public NDArray compute(Batch<D> batch) {
    return batch.epsilon().sub(batch.hat().get(0)).square().mean();
  }
}

package org.modulardiffusion.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.modulardiffusion.annotation.LossModule;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Loss;

/**
 * The tutorial's variational lower bound: D<sub>KL</sub>(q(x<sub>t-1</sub> | x<sub>t</sub>, x<sub>0</sub>) ‖
 * p<sub>θ</sub>(x<sub>t-1</sub> | x<sub>t</sub>)) where t &gt; 1 and −log p<sub>θ</sub>(x<sub>0</sub> | x<sub>1</sub>)
 * where t = 1, averaged; the prior term D<sub>KL</sub>(q(x<sub>T</sub> | x<sub>0</sub>) ‖ p(x<sub>T</sub>)) is taken as 0.
 *
 * @param <D> any distribution
 */
@LossModule
public final class TutorialVLB<D extends Distribution<D>> extends Loss<D> {

  @Override
  public NDArray compute(Batch<D> batch) {
    NDArray divergence = batch.q().dkl(batch.p());
    long[] shape = new long[divergence.getShape().dimension()];
    Arrays.fill(shape, 1);
    shape[0] = -1;
    NDArray later = batch.t().gt(1).reshape(new Shape(shape)).broadcast(divergence.getShape());
    return NDArrays.where(later, divergence, batch.p().nll(batch.x())).mean();
  }
}

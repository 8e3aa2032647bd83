package org.modulardiffusion.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.modulardiffusion.annotation.LossModule;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Loss;
import org.modulardiffusion.nn.Scalars;

/**
 * The variational lower bound: D<sub>KL</sub>(q ‖ p) where t &gt; 1 and −log p(x<sub>0</sub>)
 * where t = 1, averaged; the prior term at t = T is taken as 0.
 *
 * <p>Unlike the Python library, t is shaped to the rank of the divergence rather than of x, so
 * that for categorical noise (whose divergence drops the class axis) each sample keeps its own
 * term instead of broadcasting against every other sample.
 *
 * @param <D> any distribution
 */
@LossModule
public final class VLB<D extends Distribution<D>> extends Loss<D> {

  @Override
  public NDArray compute(Batch<D> batch) {
    NDArray divergence = batch.q().dkl(batch.p());
    NDArray likelihood = batch.p().nll(batch.x());
    long[] shape = new long[divergence.getShape().dimension()];
    Arrays.fill(shape, 1);
    shape[0] = -1;
    NDArray later = batch.t().gt(Scalars.of(batch.t(), 1)).reshape(new Shape(shape)).broadcast(divergence.getShape());
    return NDArrays.where(later, divergence, likelihood).mean();
  }

  @Override
  public String toString() {
    return "VLB";
  }
}

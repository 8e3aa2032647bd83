package org.modulardiffusion.config;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Noise;

/**
 * A noise generic in its distribution, for assembly tests: a model spec fixes D, as
 * {@code Tempered<Normal>}; it is assembled, never run.
 *
 * @param <D> the distribution a spec gives it
 */
@NoiseModule
public final class Tempered<D extends Distribution<D>> extends Noise<D> {

  @Override
  public void schedule(NDArray alpha) {}

  @Override
  public D stationary(NDManager manager, Shape shape) {
    throw new UnsupportedOperationException();
  }

  @Override
  public D prior(NDArray x, NDArray t) {
    throw new UnsupportedOperationException();
  }

  @Override
  public D posterior(NDArray x, NDArray z, NDArray t) {
    throw new UnsupportedOperationException();
  }

  @Override
  public D approximate(NDArray z, NDArray t, NDArray hat) {
    throw new UnsupportedOperationException();
  }
}

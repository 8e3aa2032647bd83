package org.modulardiffusion.sampler;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Sampling;

/**
 * Ancestral sampling: at each t = T, …, 1 draws x<sub>t-1</sub> from the approximate posterior
 * p(x<sub>t-1</sub> | x<sub>t</sub>). Works with any noise.
 *
 * @param <D> any distribution
 */
@SamplerModule
public final class Ancestral<D extends Distribution<D>> extends Sampler<D> {

  @Override
  public NDArray step(Sampling<D> sampling, NDArray z, int t, int s) {
    NDArray time = sampling.time(z, t);
    return sampling.noise().approximate(z, time, sampling.predict(z, time)).sample().value();
  }

  @Override
  public String toString() {
    return "Ancestral";
  }
}

package org.modulardiffusion.config;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.SamplerModule;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.distribution.Normal;

/** A sampler of {@code Normal} noise only, for assembly tests: it leaves z as it is. */
@SamplerModule
public final class Walker extends Sampler<Normal> {

  @Override
  public NDArray step(Sampling<Normal> sampling, NDArray z, int t, int s) {
    return z;
  }
}

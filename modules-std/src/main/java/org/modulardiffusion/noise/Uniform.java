package org.modulardiffusion.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.distribution.Categorical;

/** Categorical noise that moves each class to any class with equal probability: A = 1/k. */
@NoiseModule(requires = "one-hot")
public final class Uniform extends CategoricalNoise {

  /** @param k the number of classes */
  public Uniform(@Param(min = 2, description = "the number of categories") int k) {
    super(k);
    Uniform_Parameters.check(k);
  }

  @Override
  protected NDArray transition(NDManager manager) {
    return manager.full(new Shape(k(), k()), 1f / k());
  }

  /** Every class equally likely. */
  @Override
  public Categorical stationary(NDManager manager, Shape shape) {
    return new Categorical(manager.full(shape, 1f / k()));
  }

  @Override
  public String toString() {
    return "Uniform(" + k() + ")";
  }
}

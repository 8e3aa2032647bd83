package org.modulardiffusion.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.distribution.Categorical;

/**
 * Categorical noise that moves each class into one absorbing class m (a mask token): every row
 * of A is the one-hot vector of m.
 */
@NoiseModule(requires = "one-hot")
public final class Absorbing extends CategoricalNoise {
  private final int m;

  /**
   * Noise absorbing into the last class, m = k − 1.
   *
   * @param k the number of classes, ≥ 2
   */
  public Absorbing(int k) {
    this(k, -1);
  }

  /**
   * @param k the number of classes
   * @param m the absorbing class; negative counts from the end
   */
  @ModuleConstructor
  public Absorbing(
      @Param(min = 2, description = "the number of categories") int k,
      @Param(defaultValue = "-1", description = "the mask category; negative counts from the end") int m) {
    super(k);
    Absorbing_Parameters.check(k);
    if (m >= k || m < -k) {
      throw new IllegalArgumentException("m must lie in [-" + k + ", " + (k - 1) + "], got " + m);
    }
    this.m = Math.floorMod(m, k);
  }

  /**
   * The absorbing class, in 0..k−1.
   *
   * @return m
   */
  public int m() {
    return m;
  }

  @Override
  protected NDArray transition(NDManager manager) {
    return absorbed(manager).broadcast(new Shape(k(), k())).duplicate();
  }

  /** All mass on class m. */
  @Override
  public Categorical stationary(NDManager manager, Shape shape) {
    return new Categorical(absorbed(manager).broadcast(shape).duplicate());
  }

  private NDArray absorbed(NDManager manager) {
    return manager.create(new long[] {m}).oneHot(k()).reshape(k());
  }

  @Override
  public String toString() {
    return "Absorbing(" + k() + ", " + m + ")";
  }
}

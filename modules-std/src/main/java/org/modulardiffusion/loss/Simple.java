package org.modulardiffusion.loss;

import ai.djl.ndarray.NDArray;
import org.modulardiffusion.annotation.LossModule;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Loss;

/**
 * The simple loss of Ho et al. (2020): the mean squared error between a target (x<sub>0</sub>
 * or epsilon) and one of the net's predicted parameters, E[‖target − hat<sub>index</sub>‖²].
 *
 * @param <D> any distribution
 */
@LossModule
public final class Simple<D extends Distribution<D>> extends Loss<D> {

  /** What the prediction is compared with. */
  public enum Target {
    /** the clean data x<sub>0</sub> */
    X,
    /** the noise epsilon */
    EPSILON
  }

  private final Target parameter;
  private final int index;

  /** Compares x<sub>0</sub> with the first prediction: the Python library's default. */
  public Simple() {
    this(Target.X, 0);
  }

  /**
   * @param parameter the target
   * @param index which of the net's parameters predicts it
   */
  @ModuleConstructor
  public Simple(
      @Param(defaultValue = "x", description = "what the net predicts") Target parameter,
      @Param(defaultValue = "0", min = 0, description = "the index of the prediction in hat") int index) {
    Simple_Parameters.check(index);
    this.parameter = parameter;
    this.index = index;
  }

  @Override
  public NDArray compute(Batch<D> batch) {
    NDArray target = parameter == Target.X ? batch.x() : batch.epsilon();
    if (target == null) {
      throw new IllegalStateException("Simple(epsilon) needs a noise that records epsilon; this one has none");
    }
    return target.sub(batch.hat().get(index)).square().mean();
  }

  @Override
  public String toString() {
    return "Simple(" + parameter + ", " + index + ")";
  }
}

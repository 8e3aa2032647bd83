package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A data transform: maps data w from the data set's space into the space x where diffusion
 * happens ({@link #encode}) and back ({@link #decode}). It may own trainable parameters, which
 * are then trained with the net.
 */
public abstract class Data {

  /**
   * Projects data set values w into the diffusion space: x = encode(w).
   *
   * @param w data set values
   * @return the values in the diffusion space
   */
  public abstract NDArray encode(NDArray w);

  /**
   * Retrieves data set values from the diffusion space: w = decode(x).
   *
   * @param x values in the diffusion space
   * @return the data set values
   */
  public abstract NDArray decode(NDArray x);

  /**
   * Creates the trainable parameters, if any, on {@code manager}; called once by the model.
   *
   * @param manager the model's manager, which owns the parameters
   */
  public void initialize(NDManager manager) {}

  /**
   * The largest magnitude of the diffusion space's values when the data set's values are bounded
   * by {@code bound} (see {@link Dataset#bound()}); 0 for unknown, as by default. A transform that
   * moves values without changing them returns {@code bound}.
   *
   * @param bound the data set's bound, 0 for unknown
   * @return the bound in the diffusion space, or 0 for unknown
   */
  public double bound(double bound) {
    return 0;
  }

  /**
   * The trainable parameters, in a fixed order; none by default.
   *
   * @return the parameters; empty for a transform without any
   */
  public List<Parameter> parameters() {
    return List.of();
  }
}

package org.modulardiffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.modulardiffusion.annotation.NetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Net;

/**
 * A net whose predictions are turned into probabilities over the last axis, as categorical
 * noises need: the Python library's {@code net | Softmax(-1)}, as a module a config can name.
 */
@NetModule
public final class Softmax extends Net {
  private final Net net;

  /** @param net the net whose output is normalised */
  public Softmax(@Param(description = "the net whose output becomes probabilities") Net net) {
    this.net = addChildBlock("net", net);
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
    return net.forward(parameters, x, y, t, training).softmax(-1);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    net.initialize(manager, dataType, shapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return net.getOutputShapes(inputShapes);
  }

  @Override
  public String toString() {
    return "Softmax(" + net + ")";
  }
}

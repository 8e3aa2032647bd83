package org.modulardiffusion.config;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.modulardiffusion.annotation.NetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Net;

/** A net without weights that predicts its input scaled, for assembly tests: hat = [scale · x]. */
@NetModule
public final class PointNet extends Net {
  private final float scale;

  public PointNet(@Param(defaultValue = "1", description = "the factor") float scale) {
    this.scale = scale;
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
    return x.mul(scale).expandDims(0);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(1).addAll(inputs[0])};
  }
}

package org.modulardiffusion.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.base.Net;

/** A test net around another: it has the inner net's parameters and shapes, and changes its forward pass. */
abstract class WrappingNet extends Net {
  final Net inner;

  WrappingNet(Net inner) {
    this.inner = addChildBlock("inner", inner);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    inner.initialize(manager, dataType, shapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inner.getOutputShapes(inputShapes);
  }
}

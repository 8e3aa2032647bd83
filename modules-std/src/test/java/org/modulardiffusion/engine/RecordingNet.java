package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.modulardiffusion.base.Net;

/** A net that remembers the labels and time batch sizes it was called with, around another net. */
final class RecordingNet extends Net {
  final List<long[]> labels = new ArrayList<>();
  final List<Long> timeBatches = new ArrayList<>();
  final List<Long> dataBatches = new ArrayList<>();
  private final Net inner;

  RecordingNet(Net inner) {
    this.inner = addChildBlock("inner", inner);
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
    labels.add(y.toLongArray());
    timeBatches.add(t.getShape().get(0));
    dataBatches.add(x.getShape().get(0));
    return inner.forward(parameters, x, y, t, training);
  }

  void forget() {
    labels.clear();
    timeBatches.clear();
    dataBatches.clear();
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

package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.modulardiffusion.base.Net;

/** A net that remembers the labels and time batch sizes it was called with, around another net. */
final class RecordingNet extends WrappingNet {
  final List<long[]> labels = new ArrayList<>();
  final List<Long> timeBatches = new ArrayList<>();
  final List<Long> dataBatches = new ArrayList<>();

  RecordingNet(Net inner) {
    super(inner);
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
}

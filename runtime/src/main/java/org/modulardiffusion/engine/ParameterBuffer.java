package org.modulardiffusion.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A net's trainable parameters as views of one flat array, so that the optimizer updates all of
 * them, and zeroes all of their gradients, in a handful of operations instead of a dozen per
 * tensor.
 *
 * <p>Each parameter keeps an array of its own shape, a view of the buffer: sampling, saving and
 * loading see the trained values. A training step reads the parameters through {@link
 * #trainingStore}, which hands the net fresh views split off the buffer under autograd, so that
 * the backward pass leaves the gradient of every parameter in the buffer's one flat gradient.
 */
final class ParameterBuffer {
  private final NDArray values;
  private final List<Parameter> parameters;
  private final long[] offsets;
  /** Where the buffer splits into the parameters, and their shapes: fixed, so computed once. */
  private final long[] splits;
  private final Shape[] shapes;

  /**
   * Moves the values of {@code parameters}, initialized on {@code manager}, into one buffer and
   * makes each parameter's array a view of it.
   */
  ParameterBuffer(NDManager manager, List<Parameter> parameters) {
    this.parameters = List.copyOf(parameters);
    this.offsets = new long[parameters.size() + 1];
    this.shapes = new Shape[parameters.size()];
    NDList flattened = new NDList();
    for (int i = 0; i < parameters.size(); i++) {
      NDArray array = parameters.get(i).getArray();
      offsets[i + 1] = offsets[i] + array.size();
      shapes[i] = array.getShape();
      flattened.add(array.flatten());
    }
    this.splits = Arrays.copyOfRange(offsets, 1, Math.max(1, parameters.size()));
    this.values = flattened.isEmpty() ? manager.zeros(new Shape(0)) : NDArrays.concat(flattened);
    values.attach(manager);
    values.setRequiresGradient(true);
    flattened.close();
    for (int i = 0; i < parameters.size(); i++) {
      long offset = offsets[i];
      Parameter parameter = parameters.get(i);
      parameter.close();
      parameter.setInitializer((m, shape, type) -> slice(values, offset, shape.size()).reshape(shape));
      parameter.initialize(manager, DataType.FLOAT32);
    }
  }

  /** The flat array of all values; the optimizer updates it, its gradient is all gradients. */
  NDArray values() {
    return values;
  }

  /** The parameters, in the buffer's order. */
  List<Parameter> parameters() {
    return parameters;
  }

  /** The offset of parameter {@code index}'s first value in the buffer. */
  long offset(int index) {
    return offsets[index];
  }

  /**
   * A parameter store for one training step: it gives the net views of the buffer split off
   * under autograd, on the current memory scope, and any other parameter as {@code fallback} does.
   */
  ParameterStore trainingStore(ParameterStore fallback) {
    if (parameters.isEmpty()) {
      return fallback;
    }
    NDList parts = splits.length == 0 ? new NDList(values.reshape(-1)) : values.split(splits);
    Map<String, NDArray> views = new HashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      NDArray part = parts.get(i);
      views.put(parameters.get(i).getId(), shapes[i].dimension() == 1 ? part : part.reshape(shapes[i]));
    }
    return new ParameterStore() {
      @Override
      public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray view = views.get(parameter.getId());
        return view != null ? view : fallback.getValue(parameter, device, training);
      }
    };
  }

  /** Values {@code offset} to {@code offset + size} of a flat array, as a view. */
  static NDArray slice(NDArray flat, long offset, long size) {
    return flat.get(new NDIndex().addSliceDim(offset, offset + size));
  }
}

package org.modulardiffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.modulardiffusion.annotation.NetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Net;

/**
 * A multilayer perceptron on flattened data, for points and other small inputs: it sees the
 * data, sinusoidal features of t and the one-hot label, and predicts {@code parameters} values
 * per element, [parameters, b, …].
 */
@NetModule
public final class Mlp extends Net {
  /** Frequencies of the time features: 1, 1/10, …, 1/1000, geometrically spaced. */
  private static final int FREQUENCIES = 16;

  private final int labels;
  private final int parameters;
  private final int depth;
  private final SequentialBlock layers = new SequentialBlock();

  /**
   * @param labels the number of labels the net is conditioned on (0: none)
   * @param parameters how many values the net predicts per element of the data
   * @param width the units of each hidden layer
   * @param depth the number of hidden layers
   */
  public Mlp(
      @Param(defaultValue = "0", min = 0, description = "labels to condition on, 1..labels; 0 for none") int labels,
      @Param(defaultValue = "1", min = 1, description = "values predicted per element") int parameters,
      @Param(defaultValue = "128", min = 1, description = "units of each hidden layer") int width,
      @Param(defaultValue = "3", min = 1, max = 1000, description = "the number of hidden layers") int depth) {
    Mlp_Parameters.check(labels, parameters, width, depth);
    this.labels = labels;
    this.parameters = parameters;
    this.depth = depth;
    for (int i = 0; i < depth; i++) {
      layers.add(Linear.builder().setUnits(width).build()).add(Activation::relu);
    }
    addChildBlock("layers", layers);
  }

  @Override
  public boolean readsLabels() {
    return labels > 0;
  }

  @Override
  public NDArray forward(ParameterStore store, NDArray x, NDArray y, NDArray t, boolean training) {
    long batch = x.getShape().get(0);
    NDArray angles =
        t.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(frequencies(x.getManager()));
    NDList features = new NDList(x.reshape(batch, -1), angles.sin(), angles.cos());
    if (labels > 0) {
      features.add(y.oneHot(labels + 1));
    }
    NDArray out = layers.forward(store, new NDList(NDArrays.concat(features, 1)), training).singletonOrThrow();
    return out.reshape(new Shape(batch, parameters).addAll(x.getShape().slice(1))).swapAxes(0, 1);
  }

  private static NDArray frequencies(NDManager manager) {
    return manager.arange(0f, FREQUENCIES).mul((float) (-Math.log(1000) / (FREQUENCIES - 1))).exp().reshape(1, -1);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape x = shapes[0];
    long elements = x.slice(1).size();
    if (layers.getChildren().size() == 2 * depth) {
      // The output layer's size depends on the data's shape, known only now.
      layers.add(Linear.builder().setUnits(parameters * elements).build());
    }
    layers.initialize(manager, dataType, new Shape(x.get(0), elements + 2 * FREQUENCIES + (labels > 0 ? labels + 1 : 0)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(parameters).addAll(inputShapes[0])};
  }

  @Override
  public String toString() {
    return "Mlp(labels " + labels + ", parameters " + parameters + ")";
  }
}

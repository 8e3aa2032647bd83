package org.modulardiffusion.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.modulardiffusion.annotation.NetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Net;

/**
 * A small multilayer perceptron for any data that flattens to a vector, such as points [b, 2] or
 * small images [b, c, h, w]. It sees the flattened x, the sinusoidal embedding
 * [sin(ω<sub>i</sub>t), cos(ω<sub>i</sub>t)] of t with ω<sub>i</sub> = 10000<sup>−i/16</sup>, and, when it
 * is conditional, the one-hot label (which its first layer embeds); it predicts p parameters per
 * element, [p, b, …].
 */
@NetModule
public final class TinyMlp extends Net {
  private static final int FREQUENCIES = 16;

  private final int width;
  private final int labels;
  private final int parameters;
  private final SequentialBlock hidden;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param width hidden units per layer
   * @param labels the number of labels, 1..labels (0 being "no label"); 0 for an unconditional net
   * @param parameters p, the parameters predicted per element
   */
  public TinyMlp(
      @Param(defaultValue = "128", min = 1, description = "hidden units per layer") int width,
      @Param(defaultValue = "0", min = 0, description = "the number of labels; 0: unconditional") int labels,
      @Param(defaultValue = "1", min = 1, description = "parameters predicted per element") int parameters) {
    TinyMlp_Parameters.check(width, labels, parameters);
    this.width = width;
    this.labels = labels;
    this.parameters = parameters;
    this.hidden = addChildBlock("hidden", new SequentialBlock()
        .add(Linear.builder().setUnits(width).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(width).build())
        .add(Activation::relu));
    // The output layer's size depends on the data, so its parameters are shaped in prepare().
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  @Override
  public NDArray forward(ParameterStore store, NDArray x, NDArray y, NDArray t, boolean training) {
    long b = x.getShape().get(0);
    NDArray angles = t.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(frequencies(x.getManager()));
    NDList features = new NDList(x.reshape(b, -1), angles.sin(), angles.cos());
    if (labels > 0) {
      features.add(y.oneHot(labels + 1));
    }
    NDArray h = hidden.forward(store, new NDList(NDArrays.concat(features, 1)), training).singletonOrThrow();
    NDArray out = Linear.linear(h, store.getValue(weight, x.getDevice(), training),
        store.getValue(bias, x.getDevice(), training)).singletonOrThrow();
    return out.reshape(b, parameters, -1).transpose(1, 0, 2).reshape(new Shape(parameters).addAll(x.getShape()));
  }

  /** ω<sub>i</sub> = 10000<sup>−i/16</sup>, a row [1, 16]. */
  private static NDArray frequencies(NDManager manager) {
    return manager.arange(FREQUENCIES).toType(DataType.FLOAT32, false)
        .mul(-Math.log(10000) / FREQUENCIES).exp().reshape(1, -1);
  }

  @Override
  public void prepare(Shape[] inputs) {
    long elements = inputs[0].size() / inputs[0].get(0);
    weight.setShape(new Shape(parameters * elements, width));
    bias.setShape(new Shape(parameters * elements));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    hidden.initialize(manager, dataType, features(inputs[0]));
  }

  /** The shape of the first layer's input for data of shape [b, …]. */
  private Shape features(Shape data) {
    long label = labels > 0 ? labels + 1 : 0;
    return new Shape(data.get(0), data.size() / data.get(0) + 2 * FREQUENCIES + label);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(parameters).addAll(inputs[0])};
  }
}

package org.modulardiffusion.engine;

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
import org.modulardiffusion.base.Net;

/**
 * A small multilayer perceptron for points [b, d]: it sees the point, sinusoidal features of
 * t/T and the one-hot label, and predicts p parameters per coordinate, [p, b, d].
 */
public final class TinyMlp extends Net {
  private static final int FREQUENCIES = 4;
  private final int steps;
  private final int labels;
  private final int parameters;
  private final SequentialBlock mlp;

  /**
   * @param dimension d, the coordinates of a point
   * @param steps T
   * @param labels the number of labels (1..labels; 0 is "no label")
   * @param width hidden units per layer
   * @param parameters p, the parameters predicted per coordinate
   */
  public TinyMlp(int dimension, int steps, int labels, int width, int parameters) {
    this.steps = steps;
    this.labels = labels;
    this.parameters = parameters;
    this.mlp =
        addChildBlock(
            "mlp",
            new SequentialBlock()
                .add(Linear.builder().setUnits(width).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(width).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(width).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits((long) dimension * parameters).build()));
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
    NDArray phase = t.toType(DataType.FLOAT32, false).div((float) steps).mul((float) Math.PI).reshape(-1, 1);
    NDArray angles = phase.mul(x.getManager().arange(1f, FREQUENCIES + 1f).reshape(1, -1));
    NDArray features = NDArrays.concat(new NDList(x, angles.sin(), angles.cos(), y.oneHot(labels + 1)), 1);
    NDArray out = mlp.forward(parameters, new NDList(features), training).singletonOrThrow();
    return out.reshape(x.getShape().get(0), this.parameters, -1).transpose(1, 0, 2);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    mlp.initialize(manager, dataType, features(shapes[0]));
  }

  private Shape features(Shape points) {
    return new Shape(points.get(0), points.get(1) + 2 * FREQUENCIES + labels + 1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(parameters).addAll(inputShapes[0])};
  }
}

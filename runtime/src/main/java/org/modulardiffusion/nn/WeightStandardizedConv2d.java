package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * A 2-d convolution (stride 1) whose kernel is standardized before use (Qiao et al., 2019): each
 * output filter's weights w become (w − mean(w)) / sqrt(var(w)), mean and biased variance taken
 * over the filter's input channels and kernel positions.
 */
public final class WeightStandardizedConv2d extends UnaryBlock {
  private final int filters;
  private final int kernel;
  private final int padding;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * A convolution with {@code filters} output channels and a square kernel of side {@code kernel}.
   *
   * @param filters the number of output channels
   * @param kernel the kernel's side
   * @param padding the zeros added on each side of both spatial axes
   */
  public WeightStandardizedConv2d(int filters, int kernel, int padding) {
    this.filters = filters;
    this.kernel = kernel;
    this.padding = padding;
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
    bias.setShape(new Shape(filters));
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
    NDArray standardized =
        parameters instanceof FrozenParameters frozen
            ? frozen.derived(weight, x.getDevice(), w -> standardized(w, w.getManager()))
            : standardized(parameters.getValue(weight, x.getDevice(), training), x.getManager());
    return Conv2d.conv2d(
            x,
            standardized,
            parameters.getValue(bias, x.getDevice(), training),
            new Shape(1, 1),
            new Shape(padding, padding))
        .singletonOrThrow();
  }

  /** The kernel w standardized filter by filter, on {@code manager}. */
  private NDArray standardized(NDArray w, NDManager manager) {
    NDArray perFilter = w.reshape(filters, -1);
    // On x's manager in a forward pass, so that everything derived from the weight dies with x's step.
    perFilter.attach(manager);
    return Standardization.standardize(perFilter, perFilter.getShape().slice(1), 0).reshape(w.getShape());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    long shrink = kernel - 1 - 2L * padding;
    return new Shape[] {new Shape(x.get(0), filters, x.get(2) - shrink, x.get(3) - shrink)};
  }
}

package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts a block's parameters before any is allocated, and refuses a shape with a dimension
 * below 1, or parameters that, with the gradient and Adam's two moments of each, would take more
 * than the machine's free memory. It initializes the block once with placeholders that take no
 * memory (a broadcast scalar), then returns it to its uninitialized state. Parameters that a block
 * creates only while it is initialized escape the count.
 */
final class ParameterBudget {
  /** Copies of each weight that training keeps: the weight, its gradient and Adam's two moments. */
  private static final int COPIES = 4;
  private static final long BYTES = Float.BYTES * COPIES;

  private long floats;
  private String largest = "";
  private Shape largestShape = new Shape();

  private ParameterBudget() {}

  /**
   * Checks the parameters {@code block} would create for {@code inputs}; {@code owner}, such as
   * {@code net (UNet)}, names it in errors.
   *
   * @throws IllegalArgumentException when they cannot be allocated
   */
  static void check(Block block, NDManager manager, Shape[] inputs, String owner) {
    ParameterBudget budget = new ParameterBudget();
    List<Pair<String, Parameter>> parameters = new ArrayList<>();
    block.getParameters().forEach(parameters::add);
    List<Initializer> initializers = new ArrayList<>();
    List<Boolean> trainable = new ArrayList<>();
    for (Pair<String, Parameter> entry : parameters) {
      Parameter parameter = entry.getValue();
      initializers.add(parameter.getInitializer());
      trainable.add(parameter.requiresGradient());
      // A placeholder is a view, which cannot require a gradient.
      parameter.freeze(true);
      parameter.setInitializer(new Counting(budget, entry.getKey(), owner));
    }
    try (NDManager placeholders = manager.newSubManager()) {
      block.initialize(placeholders, DataType.FLOAT32, inputs);
    } finally {
      // A block may add parameters while it is initialized (a layer whose size depends on the
      // data's shape): those it allocated itself, uncounted; they are reset like the others.
      block.getParameters().values().forEach(Parameter::close);
      for (int i = 0; i < parameters.size(); i++) {
        Parameter parameter = parameters.get(i).getValue();
        parameter.setInitializer(initializers.get(i));
        parameter.freeze(!trainable.get(i));
      }
    }
    long free = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getFreeMemorySize();
    if (budget.floats > free / BYTES) {
      boolean beyond = budget.floats == Long.MAX_VALUE / BYTES;
      throw new IllegalArgumentException(String.format(
          "%s: its %s parameters would need %s GiB to train (the largest, %s, has shape %s), more than the %s GiB"
              + " free on this machine; make the net smaller",
          owner, beyond ? "countless" : String.format("%,d", budget.floats),
          beyond ? "countless" : gib(budget.floats * BYTES), budget.largest, budget.largestShape, gib(free)));
    }
  }

  private static String gib(long bytes) {
    return String.format("%,.1f", bytes / (double) (1L << 30));
  }

  /** Counts its parameter and stands in for it with a broadcast scalar. */
  private record Counting(ParameterBudget budget, String name, String owner) implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
      for (long dimension : shape.getShape()) {
        if (dimension < 1) {
          throw new IllegalArgumentException(
              owner + ": parameter " + name + " would have shape " + shape + "; every size and width must be at least 1");
        }
      }
      long size = shape.size();
      if (size < 0 || size > Long.MAX_VALUE / BYTES - budget.floats) {
        budget.floats = Long.MAX_VALUE / BYTES;
      } else {
        budget.floats += size;
      }
      if (size < 0 || size > budget.largestShape.size()) {
        budget.largest = name;
        budget.largestShape = shape;
      }
      return manager.zeros(new Shape(), dataType).broadcast(shape);
    }
  }
}

package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.lang.management.ManagementFactory;

/**
 * Refuses a net's parameters before they are allocated when a shape has a dimension below 1, or
 * when all of them, with the gradient and Adam's two moments of each, would take more than the
 * machine's memory. It sits between each parameter and its initializer, which allocates it.
 */
final class ParameterBudget {
  /** Copies of each weight that training keeps: the weight, its gradient and Adam's two moments. */
  private static final int COPIES = 4;

  private final String owner;
  private final long bytes;
  private long floats;

  private ParameterBudget(String owner, long bytes) {
    this.owner = owner;
    this.bytes = bytes;
  }

  /**
   * Puts a budget of the machine's physical memory in front of every parameter of {@code block}
   * that has an initializer; {@code owner}, such as {@code net (UNet)}, names it in errors.
   */
  static void guard(Block block, String owner) {
    ParameterBudget budget = new ParameterBudget(owner, physicalMemory());
    block.getParameters().forEach(entry -> {
      Parameter parameter = entry.getValue();
      Initializer initializer = parameter.getInitializer();
      if (initializer != null) {
        parameter.setInitializer(new Checked(budget, entry.getKey(), initializer));
      }
    });
  }

  private void reserve(String name, Shape shape) {
    for (long dimension : shape.getShape()) {
      if (dimension < 1) {
        throw new IllegalArgumentException(
            owner + ": parameter " + name + " would have shape " + shape + "; every size and width must be at least 1");
      }
    }
    long size = shape.size();
    floats = size > Long.MAX_VALUE / 4 / COPIES - floats ? Long.MAX_VALUE / 4 / COPIES : floats + size;
    long needed = floats * 4 * COPIES;
    if (needed > bytes || size < 0) {
      throw new IllegalArgumentException(
          owner + ": its parameters would need " + gib(needed) + " GiB to train (parameter " + name + " alone has shape "
              + shape + "), more than the " + gib(bytes) + " GiB of this machine; make the net smaller");
    }
  }

  private static String gib(long bytes) {
    return String.format("%,.1f", bytes / (double) (1L << 30));
  }

  private static long physicalMemory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
  }

  /** An initializer that reserves its parameter in the budget before allocating it. */
  private record Checked(ParameterBudget budget, String name, Initializer initializer) implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
      budget.reserve(name, shape);
      return initializer.initialize(manager, shape, dataType);
    }
  }
}

package org.modulardiffusion.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.modulardiffusion.base.Net;

/** What every net must do, checked the same way for each: counts, gradients, memory, fitting. */
final class NetChecks {
  private NetChecks() {}

  /**
   * Counts a net's parameters from their shapes; each array is a broadcast view of one zero, so
   * that even a net of hundreds of millions of parameters costs no memory.
   */
  static long count(Net net, Shape... shapes) {
    try (NDManager manager = NDManager.newBaseManager()) {
      net.setInitializer((m, shape, type) -> m.zeros(new Shape(1), type).broadcast(shape), p -> true);
      net.initialize(manager, DataType.FLOAT32, shapes);
      return net.getParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }
  }

  /** Names the parameters of {@code net} (initialized) whose gradient is zero after one backward pass. */
  static List<String> parametersWithoutGradient(Net net, NDManager manager, NDArray x, NDArray y, NDArray t) {
    try (NDManager step = manager.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray hat = net.forward(new ParameterStore(step, false), x, y, t, true);
      // A random weighting, so that no parameter's effect cancels out in the sum.
      collector.backward(hat.mul(step.randomNormal(hat.getShape())).sum());
    }
    List<String> without = new ArrayList<>();
    for (var entry : net.getParameters()) {
      try (NDArray gradient = entry.getValue().getArray().getGradient()) {
        if (gradient.abs().max().getFloat() == 0) {
          without.add(entry.getKey());
        }
      }
    }
    return without;
  }

  /** Asserts that a forward pass in a step's manager leaves nothing behind in the net's manager. */
  static void assertForwardLeavesNothing(Net net, NDManager manager, NDArray x, NDArray y, NDArray t) {
    int before = manager.getManagedArrays().size();
    try (NDManager step = manager.newSubManager()) {
      step.tempAttachAll(x, y, t);
      net.forward(new ParameterStore(step, false), x, y, t, true);
    }
    assertEquals(before, manager.getManagedArrays().size(), "arrays left in the net's manager");
  }

  /**
   * Trains {@code net} (initialized) with Adam to predict {@code target} as its first parameter
   * for fixed x, y and t, and returns the mean squared error after the last step.
   */
  static float fit(Net net, NDManager manager, NDArray x, NDArray y, NDArray t, NDArray target,
      int steps, float learningRate) {
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
    ParameterStore store = new ParameterStore(manager, false);
    float loss = Float.NaN;
    for (int i = 0; i < steps; i++) {
      try (NDManager step = manager.newSubManager()) {
        try (NDScope scope = new NDScope();
            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray hat = net.forward(store, x, y, t, true).get(0);
          NDArray error = hat.sub(target).square().mean();
          collector.backward(error);
          loss = error.getFloat();
        }
        for (var entry : net.getParameters()) {
          Parameter parameter = entry.getValue();
          try (NDArray gradient = parameter.getArray().getGradient()) {
            adam.update(parameter.getId(), parameter.getArray(), gradient);
          }
        }
      }
    }
    assertTrue(Float.isFinite(loss), "loss " + loss);
    return loss;
  }
}

package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parameters as views of one buffer: values, gradients and writes all meet in the buffer. */
class ParameterBufferTest {
  private final NDManager manager = NDManager.newBaseManager();
  private final Parameter a = parameter("a", new Shape(2, 3), new float[] {1, 2, 3, 4, 5, 6});
  private final Parameter b = parameter("b", new Shape(2), new float[] {-1, -2});
  private final ParameterBuffer buffer = new ParameterBuffer(manager, List.of(a, b));

  @AfterEach
  void close() {
    manager.close();
  }

  private Parameter parameter(String name, Shape shape, float[] values) {
    Parameter parameter =
        Parameter.builder()
            .setName(name)
            .setType(Parameter.Type.WEIGHT)
            .optShape(shape)
            .optInitializer((m, s, type) -> m.create(values, s))
            .build();
    parameter.initialize(manager, DataType.FLOAT32);
    return parameter;
  }

  @Test
  void holdsTheValuesOfAllParametersInOrder() {
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, -1, -2}, buffer.values().toFloatArray());
    assertEquals(new Shape(2, 3), a.getArray().getShape());
    assertArrayEquals(new float[] {-1, -2}, b.getArray().toFloatArray());
    assertEquals(6, buffer.offset(1));
  }

  @Test
  void aTrainingStepLeavesEveryGradientInTheBuffersGradient() {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      ParameterStore store = buffer.trainingStore(new ParameterStore(manager, false));
      NDArray x = store.getValue(a, Device.cpu(), true);
      NDArray y = store.getValue(b, Device.cpu(), true);
      // d/da Σ a² = 2a; d/db Σ 3b = 3.
      collector.backward(x.square().sum().add(y.mul(manager.create(3f)).sum()));
    }
    assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12, 3, 3}, buffer.values().getGradient().toFloatArray());
  }

  @Test
  void theParametersSeeChangesToTheBufferAndTheBufferSeesWritesToThem() {
    buffer.values().subi(manager.create(1f));
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.getArray().toFloatArray());
    Map<String, Parameter> inOrder = new LinkedHashMap<>();
    inOrder.put("a", a);
    inOrder.put("b", b);
    ParameterFile.apply(List.of(new float[] {9, 9, 9, 9, 9, 9}, new float[] {7, 8}), inOrder);
    assertArrayEquals(new float[] {9, 9, 9, 9, 9, 9, 7, 8}, buffer.values().toFloatArray());
  }
}

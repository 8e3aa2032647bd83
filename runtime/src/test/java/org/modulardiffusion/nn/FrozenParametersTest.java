package org.modulardiffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrozenParametersTest {

  @Test
  void derivesOnceAndKeepsTheResultBeyondTheScopeThatComputedIt() {
    try (NDManager manager = NDManager.newBaseManager(); NDManager run = manager.newSubManager()) {
      Parameter weight = Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build();
      weight.setArray(manager.create(new float[] {1, 2}));
      FrozenParameters frozen = new FrozenParameters(new ParameterStore(manager, false), run);
      AtomicInteger calls = new AtomicInteger();
      NDArray first;
      try (NDScope scope = new NDScope()) {
        first = frozen.derived(weight, manager.getDevice(), w -> { calls.incrementAndGet(); return w.mul(3); });
      }
      NDArray second;
      try (NDScope scope = new NDScope()) {
        second = frozen.derived(weight, manager.getDevice(), w -> { calls.incrementAndGet(); return w.mul(5); });
      }
      assertEquals(1, calls.get());
      assertFalse(first.isReleased());
      assertArrayEquals(new float[] {3, 6}, second.toFloatArray());
    }
  }

  @Test
  void aConvolutionGivesTheSameOutputWithFrozenParametersInEveryStep() {
    try (NDManager manager = NDManager.newBaseManager(); NDManager run = manager.newSubManager()) {
      WeightStandardizedConv2d conv = new WeightStandardizedConv2d(3, 3, 1);
      Shape shape = new Shape(2, 4, 5, 5);
      conv.initialize(manager, DataType.FLOAT32, shape);
      NDArray x = manager.randomNormal(shape);
      ParameterStore plain = new ParameterStore(manager, false);
      float[] expected = conv.forward(plain, x, false).toFloatArray();
      FrozenParameters frozen = new FrozenParameters(plain, run);
      for (int step = 0; step < 2; step++) {
        try (NDScope scope = new NDScope()) {
          assertArrayEquals(expected, conv.forward(frozen, x, false).toFloatArray(), 1e-6f);
        }
      }
    }
  }
}

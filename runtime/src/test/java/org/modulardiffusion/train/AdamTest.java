package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.engine.ParameterSlot;

/** Adam's updates by hand, and its state surviving a save and restore. */
class AdamTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private Parameter weight(float value) {
    Parameter parameter =
        Parameter.builder()
            .setName("w")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(1))
            .optInitializer(new ConstantInitializer(value))
            .build();
    parameter.initialize(manager, DataType.FLOAT32);
    return parameter;
  }

  private void step(Adam adam, Parameter parameter, float gradient) {
    try (NDArray g = manager.create(new float[] {gradient})) {
      adam.update("w", parameter.getArray(), g);
    }
  }

  @Test
  void updatesAsTheAdamPaperSays() {
    Parameter w = weight(1);
    Adam adam = new Adam(0.1f);
    // Step 1, g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25: w −= 0.1 · 0.5/0.5.
    step(adam, w, 0.5f);
    assertEquals(0.9, w.getArray().getFloat(0), 1e-6);
    // Step 2, g = −1: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975,
    // m̂ = −0.055/0.19, v̂ = 0.00124975/0.001999: w −= 0.1 · m̂/(√v̂ + 1e-8).
    step(adam, w, -1);
    double mHat = -0.055 / 0.19;
    double vHat = 0.00124975 / (1 - 0.999 * 0.999);
    assertEquals(0.9 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), w.getArray().getFloat(0), 1e-6);
  }

  @Test
  void followsItsLearningRateScheduleStepByStep() {
    Parameter w = weight(1);
    // A warmup of 2 steps to 0.1: step 1 has size 0.05, step 2 size 0.1; m̂/√v̂ is ±1 for a
    // gradient of one sign, so each step moves w by its size.
    Adam adam = new Adam(new LearningRateSchedule(0.1, 2, LearningRateSchedule.Decay.CONSTANT, 0, 1), 0);
    assertEquals(0.05, adam.learningRate(), 1e-12);
    step(adam, w, 0.5f);
    assertEquals(0.95, w.getArray().getFloat(0), 1e-6);
    step(adam, w, 0.5f);
    assertEquals(0.85, w.getArray().getFloat(0), 1e-6);
    assertEquals(0.1, adam.learningRate(), 1e-7);
  }

  @Test
  void adamWShrinksTheWeightsApartFromTheGradient() {
    Parameter w = weight(2);
    // w ← w − 0.1 · 0.5 · w = 1.9, then the Adam step of size 0.1: 1.8.
    Adam adam = new Adam(LearningRateSchedule.constant(0.1), 0.5);
    step(adam, w, 0.5f);
    assertEquals(1.8, w.getArray().getFloat(0), 1e-6);
  }

  @Test
  void aStepUsesTheGradientOfTheLastBackwardPassOnly() {
    Parameter w = weight(1);
    Adam adam = new Adam(0.1f);
    backward(w, 0.5f);
    adam.step("w", w.getArray());
    backward(w, -1);
    adam.step("w", w.getArray());
    // The same two gradients as above, 0.5 then −1 (not 0.5 then −0.5, had the first stayed).
    double mHat = -0.055 / 0.19;
    double vHat = 0.00124975 / (1 - 0.999 * 0.999);
    assertEquals(0.9 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), w.getArray().getFloat(0), 1e-6);
    assertEquals(0, w.getArray().getGradient().getFloat(0));
  }

  /** A backward pass of gradient · w, whose gradient with respect to w is {@code gradient}. */
  private void backward(Parameter w, float gradient) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(w.getArray().mul(manager.create(gradient)).sum());
    }
  }

  @Test
  void aRestoredOptimizerContinuesExactlyAsTheOriginal() throws IOException {
    Parameter original = weight(1);
    Adam adam = new Adam(0.1f);
    step(adam, original, 0.5f);
    step(adam, original, -1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, ParameterSlot> slots = Map.of("w", new ParameterSlot("w", 0, 1, 1));
    adam.save(new DataOutputStream(bytes), slots);

    float afterTwo = original.getArray().getFloat(0);
    Parameter copy = weight(afterTwo);
    Adam restored = new Adam(0.1f);
    restored.restore(
        Adam.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), slots),
        Map.of("w", copy.getArray()));
    step(adam, original, 0.25f);
    step(restored, copy, 0.25f);
    assertArrayEquals(original.getArray().toFloatArray(), copy.getArray().toFloatArray());
    // Step 3, g = 0.25: m = 0.9 · (−0.055) + 0.025, v = 0.999 · 0.00124975 + 0.0000625; a fresh
    // optimizer would instead move by the full learning rate, to afterTwo − 0.1.
    double m = 0.9 * -0.055 + 0.025;
    double v = 0.999 * 0.00124975 + 0.0000625;
    double mHat = m / (1 - Math.pow(0.9, 3));
    double vHat = v / (1 - Math.pow(0.999, 3));
    assertEquals(afterTwo - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), copy.getArray().getFloat(0), 1e-6);
  }
}

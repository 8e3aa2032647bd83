package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.FailingNet.Failure;
import org.modulardiffusion.guidance.ClassifierFree;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Linear;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * A failure of PyTorch in the middle of training or sampling is told in our words, with the step
 * it happened in: out of memory with what to change, anything else with PyTorch's reason.
 */
class StepFailureTest {
  private static final int STEPS = 50;

  /** A model of 25 points, so batches of 10, 10 and 5, whose net fails on a batch of {@code failingBatch}. */
  private static Model<Normal> model(long failingBatch, Failure failure) {
    return builder(failingBatch, failure).build();
  }

  private static Model.Builder<Normal> builder(long failingBatch, Failure failure) {
    return Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Linear(STEPS, 0.999f, 0.95f))
        .noise(new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED))
        .net(new FailingNet(new TinyMlp(2, STEPS, 2, 8, 1), failingBatch, failure))
        .loss(new Simple<>(Simple.Target.EPSILON, 0))
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.MOONS, 25, 0.05, 3))
        .seed(5);
  }

  private static TrainingLoop<Normal> loop(Model<Normal> model, int batch) {
    return TrainingLoop.builder(model).batchSize(batch).seed(5).progress(TrainingListener.none()).build();
  }

  @Test
  void aTrainingStepOutOfMemorySaysWhichStepAndWhatToChange() {
    try (Model<Normal> model = model(5, Failure.OUT_OF_MEMORY)) {
      var failure = assertThrows(IllegalStateException.class, () -> loop(model, 10).train(1));
      assertEquals("training step 3 of epoch 1 (batch 10) ran out of memory on cpu(); lower the batch size;"
          + " accumulating smaller batches keeps the examples of a step", failure.getMessage());
      assertInstanceOf(EngineException.class, failure.getCause());
    }
  }

  @Test
  void theCheckOfTheFirstStepOutOfMemoryIsTheStepsFailureNotTheNets() {
    try (Model<Normal> model = model(10, Failure.OUT_OF_MEMORY)) {
      var failure = assertThrows(IllegalStateException.class, () -> loop(model, 10).check());
      assertEquals("the check of a training step on the first examples (batch 10) ran out of memory on cpu();"
          + " lower the batch size; accumulating smaller batches keeps the examples of a step", failure.getMessage());
    }
  }

  @Test
  void aBackwardPassThatFailsGivesTheStepAndPyTorchsReason() {
    String reason;
    try (NDManager manager = NDManager.newBaseManager();
        GradientCollector collector = manager.getEngine().newGradientCollector()) {
      var zeros = manager.zeros(new Shape(2));
      reason = assertThrows(EngineException.class, () -> collector.backward(zeros)).getMessage();
    }
    try (Model<Normal> model = model(5, Failure.DETACHED)) {
      var failure = assertThrows(IllegalStateException.class, () -> loop(model, 10).train(1));
      assertEquals("training step 3 of epoch 1 (batch 10) failed in PyTorch on cpu(): " + reason, failure.getMessage());
    }
  }

  @Test
  void aSamplingStepOutOfMemorySaysWhichStep() {
    try (Model<Normal> model = model(7, Failure.OUT_OF_MEMORY); NDManager manager = NDManager.newBaseManager()) {
      var failure = assertThrows(IllegalStateException.class, () -> model.sample(manager, new long[0], 7));
      assertEquals("sampling step 1 of 50 (t = 50 to 49) with 7 examples at once ran out of memory on cpu();"
          + " sample fewer at a time", failure.getMessage());
    }
  }

  @Test
  void anyOtherFailureOfASamplingStepGivesPyTorchsReason() {
    String reason;
    try (NDManager manager = NDManager.newBaseManager()) {
      reason = assertThrows(EngineException.class, () -> FailingNet.mismatch(manager.zeros(new Shape(7, 2))))
          .getMessage();
    }
    try (Model<Normal> model = model(7, Failure.MISMATCH); NDManager manager = NDManager.newBaseManager()) {
      var failure = assertThrows(IllegalStateException.class, () -> model.sample(manager, new long[0], 7));
      assertEquals("sampling step 1 of 50 (t = 50 to 49) with 7 examples at once failed in PyTorch on cpu(): " + reason,
          failure.getMessage());
    }
  }

  @Test
  void classifierFreeGuidanceDoublesTheActivationsASamplingRunIsReckonedWith() {
    try (Model<Normal> plain = model(0, Failure.OUT_OF_MEMORY);
        Model<Normal> guided = builder(0, Failure.OUT_OF_MEMORY).guidance(new ClassifierFree(0.1, 2)).build();
        NDManager manager = NDManager.newBaseManager()) {
      // The net sees each example twice under the guidance: with its label and without.
      assertEquals(2 * activationGib(plain, manager), activationGib(guided, manager), 0.1);
    }
  }

  /** The GiB of activations a refusal of Integer.MAX_VALUE examples of each label names. */
  private static double activationGib(Model<Normal> model, NDManager manager) {
    String message = assertThrows(IllegalArgumentException.class,
        () -> model.sample(manager, new long[] {1, 2}, Integer.MAX_VALUE, STEPS)).getMessage();
    Matcher figure = Pattern.compile("GiB, ([0-9.,]+) for the net's activations").matcher(message);
    assertTrue(figure.find(), message);
    return Double.parseDouble(figure.group(1).replace(",", ""));
  }

  @Test
  void samplingMoreThanTheMemoryHoldsIsRefusedBeforeItStarts() {
    try (Model<Normal> model = model(0, Failure.OUT_OF_MEMORY); NDManager manager = NDManager.newBaseManager()) {
      int batch = Integer.MAX_VALUE;
      long count = 2L * batch;
      var failure = assertThrows(
          IllegalArgumentException.class, () -> model.sample(manager, new long[] {1, 2}, batch, STEPS));
      // Kept: the noise and the final samples, 2 floats a point, and their stacked copy.
      double trajectory = 2.0 * 2 * count * 2 * Float.BYTES / (1L << 30);
      String message = failure.getMessage();
      assertTrue(message.startsWith(String.format("sampling %,d examples at once would need about ", count)), message);
      assertTrue(message.contains(String.format(" and %,.1f for the 2 positions of their trajectory; more than the ",
          trajectory)), message);
      assertTrue(message.endsWith(" GiB available on this machine; sample fewer at a time"), message);
    }
  }
}

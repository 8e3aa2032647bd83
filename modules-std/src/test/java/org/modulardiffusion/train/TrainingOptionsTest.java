package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.Time;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.TinyMlp;
import org.modulardiffusion.guidance.ClassifierFree;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;

/** Gradient accumulation, clipping and the moving average, in the training loop. */
class TrainingOptionsTest {

  @Test
  void twoAccumulatedBatchesOfEightUpdateAsOneBatchOfSixteen() {
    // A bound no gradient reaches: nothing is clipped, but the norm is measured. Adam's step
    // hardly depends on the gradient's scale; the norm does.
    List<Float> oneBatch;
    List<float[]> expected;
    double norm;
    try (Model<Normal> model = deterministic().build()) {
      TrainingLoop<Normal> loop = loop(model, 16, 1).clip(1e9).build();
      oneBatch = loop.train(1);
      expected = values(model);
      norm = loop.gradientNorm();
    }
    try (Model<Normal> model = deterministic().build()) {
      TrainingLoop<Normal> loop = loop(model, 8, 2).clip(1e9).build();
      List<Float> accumulated = loop.train(1);
      assertEquals(oneBatch.get(0), accumulated.get(0), 1e-6);
      assertEquals(norm, loop.gradientNorm(), 1e-6 * norm);
      List<float[]> actual = values(model);
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i), 1e-6f);
      }
      assertEquals(2, model.step(), "32 points, 16 a step");
    }
  }

  @Test
  void listenersHearEveryStepWithItsLearningRateThenTheEpochInOrder() {
    // Warmup over 2 steps to 1e-2, then a line to half of it at step 4: 5e-3, 1e-2, 7.5e-3, 5e-3.
    LearningRateSchedule schedule = new LearningRateSchedule(1e-2, 2, LearningRateSchedule.Decay.LINEAR, 4, 0.5);
    List<String> heard = new ArrayList<>();
    List<Float> stepLosses = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onTrainingBegin(TrainingLoop<?> loop) {
        heard.add("begin at epoch " + loop.model().epoch());
      }

      @Override
      public void onStep(TrainingLoop<?> loop, Step step) {
        heard.add(String.format("epoch %d step %d/%d lr %.4f", step.epoch(), step.step(), step.steps(), step.learningRate()));
        stepLosses.add(step.loss());
      }

      @Override
      public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
        heard.add("epoch " + epoch + " done, the model at epoch " + loop.model().epoch() + " step " + loop.model().step());
      }
    };
    try (Model<Normal> model = deterministic().build()) {
      List<Float> means = loop(model, 16, 1).learningRate(schedule).listener(recorder).build().train(2);
      assertEquals(List.of(
          "begin at epoch 0",
          "epoch 1 step 1/2 lr 0.0050", "epoch 1 step 2/2 lr 0.0100", "epoch 1 done, the model at epoch 1 step 2",
          "epoch 2 step 1/2 lr 0.0075", "epoch 2 step 2/2 lr 0.0050", "epoch 2 done, the model at epoch 2 step 4"),
          heard);
      assertEquals((float) ((stepLosses.get(0) + (double) stepLosses.get(1)) / 2), means.get(0));
      assertEquals((float) ((stepLosses.get(2) + (double) stepLosses.get(3)) / 2), means.get(1));
    }
  }

  @Test
  void eachEpochBeginsBeforeItsFirstStepIsTaken() {
    List<String> heard = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onEpochBegin(TrainingLoop<?> loop, int epoch) {
        heard.add("begin " + epoch + " after step " + loop.model().step());
      }

      @Override
      public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
        heard.add("end " + epoch + " after step " + loop.model().step());
      }
    };
    try (Model<Normal> model = deterministic().build()) {
      loop(model, 16, 1).listener(recorder).build().train(2);
    }
    // 32 points in batches of 16: two steps an epoch.
    assertEquals(List.of("begin 1 after step 0", "end 1 after step 2", "begin 2 after step 2", "end 2 after step 4"), heard);
  }

  @Test
  void theDataSetOnTheDeviceTrainsBitForBitAsBatchesCopiedFromIt() {
    // Random times, noise and label dropout: the two ways must draw alike too.
    List<List<Float>> losses = new ArrayList<>();
    List<List<float[]>> weights = new ArrayList<>();
    for (boolean onDevice : new boolean[] {false, true}) {
      try (Model<Normal> model = randomDraws().build()) {
        losses.add(loop(model, 16, 1).dataOnDevice(onDevice).build().train(2));
        weights.add(values(model));
      }
    }
    assertEquals(losses.get(0), losses.get(1));
    for (int i = 0; i < weights.get(0).size(); i++) {
      assertArrayEquals(weights.get(0).get(i), weights.get(1).get(i));
    }
  }

  @Test
  void aStepTakenInSmallerBatchesDrawsAndTrainsAsTakenWhole() {
    // Random times, noise and label dropout, with clipping and a moving average: every example
    // draws by its row in the step, whatever batch it is taken in; 40 points make steps of 16, 16, 8.
    List<List<Float>> stepLosses = new ArrayList<>();
    List<List<float[]>> weights = new ArrayList<>();
    for (int[] batches : new int[][] {{16, 1}, {8, 2}, {4, 4}}) {
      try (Model<Normal> model = randomDraws().averageWeights(0.5).build()) {
        List<Float> heard = new ArrayList<>();
        loop(model, batches[0], batches[1]).clip(0.5).listener(new TrainingListener() {
          @Override
          public void onStep(TrainingLoop<?> loop, Step step) {
            heard.add(step.loss());
          }
        }).build().train(2);
        stepLosses.add(heard);
        List<float[]> trained = values(model);
        try (Model.AveragedWeights averaged = model.averagedWeights()) {
          trained.addAll(values(model));
        }
        weights.add(trained);
      }
    }
    for (int run = 1; run < stepLosses.size(); run++) {
      assertEquals(6, stepLosses.get(run).size());
      for (int step = 0; step < 6; step++) {
        float whole = stepLosses.get(0).get(step);
        assertEquals(whole, stepLosses.get(run).get(step), 1e-5 * Math.abs(whole), "run " + run + ", step " + step);
      }
      for (int i = 0; i < weights.get(0).size(); i++) {
        float[] whole = weights.get(0).get(i);
        float[] parts = weights.get(run).get(i);
        for (int j = 0; j < whole.length; j++) {
          assertEquals(whole[j], parts[j], 1e-5 * Math.max(1, Math.abs(whole[j])), "run " + run + ", array " + i);
        }
      }
    }
  }

  @Test
  void theDataSetOnTheDeviceGathersTheExamplesOfEachBatch() {
    Toy2d points = new Toy2d(Toy2d.Figure.GAUSSIANS, 10, 0.1, 1);
    try (NDManager manager = NDManager.newBaseManager()) {
      ResidentData resident = ResidentData.of(points, manager);
      int[] permutation = {3, 9, 0, 4, 1, 2, 8, 5, 7, 6};
      Dataset.Examples gathered = resident.get(resident.order(permutation), 2, 5);
      Dataset.Examples copied = points.get(manager, new int[] {0, 4, 1});
      assertArrayEquals(copied.w().toFloatArray(), gathered.w().toFloatArray());
      assertArrayEquals(copied.y().toLongArray(), gathered.y().toLongArray());
      assertArrayEquals(new long[] {3, 2}, gathered.w().getShape().getShape());
    }
  }

  @Test
  void clippingBoundsTheUpdateAndReportsTheNormBeforeIt() {
    try (Model<Normal> model = deterministic().build()) {
      TrainingLoop<Normal> loop = loop(model, 16, 1).clip(1e-6).build();
      assertTrue(Double.isNaN(loop.gradientNorm()));
      loop.train(1);
      assertTrue(loop.gradientNorm() > 1e-6, "the norm before clipping: " + loop.gradientNorm());
    }
  }

  @Test
  void theAveragedWeightsStandInForTheTrainedOnesUntilClosed() {
    try (Model<Normal> model = deterministic().averageWeights(0.5).build()) {
      List<float[]> initial = values(model);
      loop(model, 16, 1).build().train(1);
      List<float[]> trained = values(model);
      try (Model.AveragedWeights averaged = model.averagedWeights()) {
        List<float[]> average = values(model);
        // Two updates: d₁ = 2/11 and d₂ = 3/12 (both below 0.5), from the initial weights.
        // The average lies strictly between where the weights started and where they are.
        assertFalse(Arrays.equals(trained.get(0), average.get(0)));
        assertFalse(Arrays.equals(initial.get(0), average.get(0)));
      }
      List<float[]> back = values(model);
      for (int i = 0; i < trained.size(); i++) {
        assertArrayEquals(trained.get(i), back.get(i));
      }
    }
  }

  @Test
  void aCheckBeforeTrainingLeavesNoGradientBehind() {
    List<float[]> expected;
    try (Model<Normal> model = deterministic().build()) {
      loop(model, 16, 1).build().train(1);
      expected = values(model);
    }
    try (Model<Normal> model = deterministic().build()) {
      TrainingLoop<Normal> loop = loop(model, 16, 1).build();
      loop.check();
      loop.train(1);
      List<float[]> actual = values(model);
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i));
      }
    }
  }

  @Test
  void aModelTrainsAndSamplesTheSameInAThreadOfItsOwn() throws Exception {
    // PyTorch records gradients by default in any thread but the one DJL started in.
    List<float[]> expected;
    try (Model<Normal> model = deterministic().averageWeights(0.5).build()) {
      loop(model, 16, 1).build().train(2);
      expected = values(model);
    }
    List<List<float[]>> actual = new ArrayList<>();
    Thread thread = new Thread(() -> {
      try (Model<Normal> model = deterministic().averageWeights(0.5).build()) {
        loop(model, 16, 1).build().train(2);
        try (NDManager manager = NDManager.newBaseManager();
            Model.AveragedWeights averaged = model.averagedWeights()) {
          model.sample(manager, new long[] {1}, 2).close();
        }
        actual.add(values(model));
      }
    });
    thread.start();
    thread.join();
    assertEquals(1, actual.size(), "the thread trained and sampled without an error");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(0).get(i));
    }
  }

  /** A model whose steps draw time steps, noise and label dropout, on 40 labelled points. */
  private static Model.Builder<Normal> randomDraws() {
    return Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Cosine(10))
        .noise(new Gaussian())
        .net(new TinyMlp(2, 10, 8, 8, 1))
        .loss(new Simple<>())
        .guidance(new ClassifierFree(0.25, 1))
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.GAUSSIANS, 40, 0.1, 1))
        .seed(5);
  }

  /** A model whose loss depends on the data and the weights only: no draw of time or noise matters. */
  private static Model.Builder<Normal> deterministic() {
    return Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Cosine(10))
        .noise(new Exact())
        .net(new TinyMlp(2, 10, 8, 8, 1))
        .loss(new Simple<>())
        .time(new FirstStep())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.GAUSSIANS, 32, 0.1, 1))
        .seed(5);
  }

  private static TrainingLoop.Builder<Normal> loop(Model<Normal> model, int batch, int accumulate) {
    return TrainingLoop.builder(model)
        .batchSize(batch)
        .accumulate(accumulate)
        .learningRate(1e-2f)
        .seed(5)
        .progress(TrainingListener.none());
  }

  private static List<float[]> values(Model<?> model) {
    List<float[]> values = new ArrayList<>();
    model.net().getParameters().values().forEach(p -> values.add(p.getArray().toFloatArray()));
    return values;
  }

  /** Noise that leaves the data as it is: z = x + 0 · epsilon. */
  private static final class Exact extends Noise<Normal> {
    @Override
    public void schedule(NDArray alpha) {}

    @Override
    public Normal stationary(NDManager manager, Shape shape) {
      return new Normal(manager.zeros(shape), manager.ones(shape));
    }

    @Override
    public Normal prior(NDArray x, NDArray t) {
      return new Normal(x, x.zerosLike());
    }

    @Override
    public Normal posterior(NDArray x, NDArray z, NDArray t) {
      return new Normal(x, x.onesLike());
    }

    @Override
    public Normal approximate(NDArray z, NDArray t, NDArray hat) {
      return new Normal(hat.get(0), z.onesLike());
    }
  }

  /** Always t = 1. */
  private static final class FirstStep extends Time {
    @Override
    public NDArray sample(NDManager manager, int steps, int size) {
      return manager.ones(new Shape(size), DataType.INT64);
    }
  }
}

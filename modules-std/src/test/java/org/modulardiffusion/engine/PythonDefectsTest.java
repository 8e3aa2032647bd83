package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.guidance.ClassifierFree;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * Two defects of the Python library that we must not copy. Each test fails on its behaviour:
 * there, label dropout writes zeros into the data set's own labels, and sampling with several
 * labels and batch &gt; 1 passes the net a time vector of only {@code batch} entries.
 */
class PythonDefectsTest {
  private static final int STEPS = 5;

  private static Model<Normal> model(Toy2d dataset, RecordingNet net) {
    return Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Cosine(STEPS))
        .noise(new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED))
        .net(net)
        .loss(new Simple<>(Simple.Target.EPSILON, 0))
        .guidance(new ClassifierFree(0.5, 2))
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(dataset)
        .seed(1)
        .build();
  }

  private static void train(Model<Normal> model, int epochs) {
    TrainingLoop.builder(model).batchSize(10).seed(1).progress(TrainingListener.none()).build().train(epochs);
  }

  @Test
  void labelDropoutNeverChangesTheDataSetsLabels() {
    Toy2d dataset = new Toy2d(Toy2d.Figure.GAUSSIANS, 40, 0.1, 9);
    long[] labels = dataset.labels();
    RecordingNet net = new RecordingNet(new TinyMlp(2, STEPS, 8, 8, 1));
    try (Model<Normal> model = model(dataset, net)) {
      net.forget();
      train(model, 3);
      // 4 batches of 10 an epoch; dropout 0.5 hides floor(10 · 0.5) = 5 labels of each.
      assertEquals(12, net.labels.size());
      for (long[] seen : net.labels) {
        assertEquals(5, Arrays.stream(seen).filter(y -> y == 0).count());
      }
      assertArrayEquals(labels, dataset.labels(), "the data set's labels after training");
      try (NDManager manager = NDManager.newBaseManager()) {
        long[] batch = dataset.get(manager, IntStream.range(0, 40).toArray()).y().toLongArray();
        assertArrayEquals(labels, batch, "a fresh batch of every example");
      }
    }
  }

  @Test
  void samplingSeveralLabelsGivesLabelsTimesBatchSamplesWithMatchingTimes() {
    RecordingNet net = new RecordingNet(new TinyMlp(2, STEPS, 8, 8, 1));
    try (Model<Normal> model = model(new Toy2d(Toy2d.Figure.GAUSSIANS, 20, 0.1, 9), net);
        NDManager manager = NDManager.newBaseManager()) {
      net.forget();
      NDArray trajectory = model.sample(manager, new long[] {1, 2, 3}, 4);
      assertArrayEquals(new long[] {STEPS + 1, 12, 2}, trajectory.getShape().getShape());
      // Classifier-free guidance runs the conditional and the unconditional half in one pass.
      long[] expected = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
      assertEquals(STEPS, net.labels.size());
      for (int i = 0; i < STEPS; i++) {
        assertArrayEquals(expected, net.labels.get(i));
        assertEquals(24, net.timeBatches.get(i));
        assertEquals(24, net.dataBatches.get(i));
      }
    }
  }
}

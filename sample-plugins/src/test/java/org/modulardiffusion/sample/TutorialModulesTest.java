package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Batch;

/**
 * The tutorial's distribution, losses and data transform on inputs small enough to work by hand,
 * and the net on images.
 */
class TutorialModulesTest {
  private static final float TOLERANCE = 1e-5f;
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private TutorialNormal normal(float mu, float sigma) {
    return new TutorialNormal(manager.full(new Shape(2, 1), mu), manager.full(new Shape(2, 1), sigma));
  }

  @Test
  void modulesBuiltInJavaMeetTheirParamsAsTheReadmeSays() {
    assertEquals("start: expected a finite value in [0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new TutorialLinear(100, 1.5f, 0.9f)).getMessage());
    assertEquals("dimension: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new TutorialEmbedding(2, 0)).getMessage());
  }

  @Test
  void normalNllAndDklAreTheClosedForms() {
    // −log N(0; 0, 1) = log √(2π); KL(N(1, 2²) ‖ N(0, 1)) = log(1/2) + (4 + 1)/2 − ½.
    assertEquals(0.9189385f, normal(0, 1).nll(manager.zeros(new Shape(2, 1))).getFloat(0, 0), TOLERANCE);
    assertEquals(1.3068528f, normal(1, 2).dkl(normal(0, 1)).getFloat(0, 0), TOLERANCE);
  }

  @Test
  void simpleLossIsTheMeanSquaredErrorOfEpsilon() {
    NDArray epsilon = manager.create(new float[] {1, 2}).reshape(2, 1);
    NDArray hat = manager.zeros(new Shape(1, 2, 1));
    Batch<TutorialNormal> batch = new Batch<>(null, null, null, null, epsilon, null, hat, null, null);
    assertEquals(2.5f, new TutorialSimple<TutorialNormal>().compute(batch).getFloat(), TOLERANCE);
  }

  @Test
  void vlbTakesTheNllAtTimeOneAndTheDivergenceLater() {
    // t = 1: −log N(0; 0, 1) = 0.9189385; t = 2: KL(N(1, 2²) ‖ N(0, 1)) = 1.3068528; their mean.
    NDArray x = manager.zeros(new Shape(2, 1));
    NDArray t = manager.create(new long[] {1, 2});
    Batch<TutorialNormal> batch = new Batch<>(null, x, null, t, null, null, null, normal(1, 2), normal(0, 1));
    assertEquals(1.1128957f, new TutorialVLB<TutorialNormal>().compute(batch).getFloat(), TOLERANCE);
  }

  @Test
  void embeddingDecodesEachEncodedIdToItself() {
    TutorialEmbedding embedding = new TutorialEmbedding(5, 8);
    embedding.initialize(manager);
    NDArray ids = manager.create(new long[][] {{0, 1, 2}, {4, 3, 0}});
    NDArray x = embedding.encode(ids);
    assertEquals(new Shape(2, 3, 8), x.getShape());
    assertArrayEquals(ids.toLongArray(), embedding.decode(x).toLongArray());
  }

  @Test
  void tinyMlpPredictsEachParameterForEveryPixelOfAnImage() {
    TinyMlp net = new TinyMlp(8, 3, 2);
    Shape images = new Shape(2, 1, 4, 4);
    Shape batch = new Shape(2);
    net.initialize(manager, DataType.FLOAT32, images, batch, batch);
    NDArray hat = net.forward(new ParameterStore(manager, false), manager.ones(images),
        manager.create(new long[] {0, 3}), manager.create(new long[] {1, 10}), false);
    assertEquals(new Shape(2, 2, 1, 4, 4), hat.getShape());
  }
}

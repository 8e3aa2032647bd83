package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Dataset.Examples;

/** Digits: determinism, shapes, range, labels, and that the digits can be told apart. */
class DigitsTest {
  private static final int PIXELS = 28 * 28;
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private float[] pixels(Digits digits) {
    return digits.get(manager, IntStream.range(0, digits.size()).toArray()).w().toFloatArray();
  }

  @Test
  void theSameSeedGivesTheSamePixelsAndAnotherSeedOthers() {
    float[] first = pixels(new Digits(28, 20, 5));
    assertArrayEquals(first, pixels(new Digits(28, 20, 5)));
    assertFalse(Arrays.equals(first, pixels(new Digits(28, 20, 6))));
  }

  @Test
  void examplesAreOneChannelImagesInMinusOneToOneOnABlackBackground() {
    Examples examples = new Digits(28, 10, 1).get(manager, new int[] {0, 3, 9});
    assertEquals(new Shape(3, 1, 28, 28), examples.w().getShape());
    assertEquals(DataType.FLOAT32, examples.w().getDataType());
    float[] w = examples.w().toFloatArray();
    for (int i = 0; i < 3; i++) {
      float[] image = Arrays.copyOfRange(w, i * PIXELS, (i + 1) * PIXELS);
      assertEquals(-1, image[0], "the top left corner is background");
      double min = 1;
      double max = -1;
      int ink = 0;
      for (float value : image) {
        min = Math.min(min, value);
        max = Math.max(max, value);
        ink += value > 0 ? 1 : 0;
      }
      assertEquals(-1, min);
      assertEquals(1, max, 1e-6, "the pen is white");
      // A stroke 2 to 3.4 pixels wide and 20 or more long covers at least 40 pixels, and a digit is far
      // from filling half the image.
      assertTrue(ink > 40 && ink < PIXELS / 2, "ink pixels: " + ink);
    }
  }

  @Test
  void exampleIShowsDigitIMod10WithLabelPlusOne() {
    assertArrayEquals(
        new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3},
        new Digits(16, 23, 0).labels());
    Examples examples = new Digits(16, 12, 0).get(manager, new int[] {11, 0});
    assertArrayEquals(new long[] {2, 1}, examples.y().toLongArray());
  }

  /**
   * Recognisable: a nearest-centroid classifier on raw pixels, its centroids the means of 50
   * digits of each class drawn with seed 1, labels 300 digits drawn with seed 2. Measured: 87.3%
   * correct (a template matcher without any invariance to the shift and rotation); chance is 10%,
   * so 75% leaves room for harmless changes to the jitter but fails if digits get mixed up or
   * smeared.
   */
  @Test
  void aNearestCentroidClassifierRecognisesDigitsOfAnotherSeed() {
    float[] train = pixels(new Digits(28, 500, 1));
    double[][] centroids = new double[10][PIXELS];
    for (int i = 0; i < 500; i++) {
      for (int p = 0; p < PIXELS; p++) {
        centroids[i % 10][p] += train[i * PIXELS + p] / 50.0;
      }
    }
    Digits test = new Digits(28, 300, 2);
    float[] pixels = pixels(test);
    long[] labels = test.labels();
    int correct = 0;
    for (int i = 0; i < 300; i++) {
      int nearest = 0;
      double best = Double.MAX_VALUE;
      for (int digit = 0; digit < 10; digit++) {
        double distance = 0;
        for (int p = 0; p < PIXELS; p++) {
          double d = pixels[i * PIXELS + p] - centroids[digit][p];
          distance += d * d;
        }
        if (distance < best) {
          best = distance;
          nearest = digit;
        }
      }
      correct += nearest + 1 == labels[i] ? 1 : 0;
    }
    double accuracy = correct / 300.0;
    assertTrue(accuracy > 0.75, "accuracy " + accuracy);
  }

  @Test
  void renderDrawsOneDigitOfTheGivenSize() {
    assertEquals(20, Digits.render(7, 20, new Random(0)).getWidth());
    assertEquals(20, Digits.render(7, 20, new Random(0)).getHeight());
    assertThrows(IllegalArgumentException.class, () -> Digits.render(10, 20, new Random(0)));
  }

  @Test
  void rejectsBadArguments() {
    assertEquals("size: expected a finite value in [8, inf], got 4",
        assertThrows(IllegalArgumentException.class, () -> new Digits(4, 10, 0)).getMessage());
    assertEquals("count: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new Digits(28, 0, 0)).getMessage());
  }
}

package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.eval.FrechetDistance;

/** The digit classifier of the cache, trained on 16-pixel digits to keep the test short. */
class DigitClassifierTest {
  private static final int SIZE = 16;
  @TempDir Path cache;

  @Test
  void trainsOnceClassifiesHeldOutDigitsAndIsReloadedFromTheCache() throws IOException {
    Dataset heldOut = new Digits(SIZE, 1000, 7);
    int[] first = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    long[] predicted;
    try (DigitClassifier classifier = DigitClassifier.cached(cache, SIZE, Digits::new);
        NDManager manager = NDManager.newBaseManager()) {
      double accuracy = classifier.accuracy(heldOut);
      System.out.printf("digit classifier, %d px: held-out accuracy %.4f%n", SIZE, accuracy);
      // Measured: 0.996 on these 1,000 digits of another seed; chance is 0.1.
      assertTrue(accuracy > 0.97, "accuracy " + accuracy);
      predicted = classifier.predict(heldOut.get(manager, first).w());

      // The features: the hidden layer's 64 values after its ReLU, one row per image.
      float[][] features = classifier.features(heldOut, 1000);
      assertEquals(1000, features.length);
      for (float[] row : features) {
        assertEquals(DigitClassifier.FEATURES, row.length);
        for (float value : row) {
          assertTrue(value >= 0, "after a ReLU: " + value);
        }
      }
      // The same in a batch of 12 as in one of 256, but for the last bit of a float.
      assertArrayEquals(features[3], classifier.features(heldOut.get(manager, first).w())[3], 1e-5f);
      // Two halves of the digits are near in them; digits and uniform noise in [-1, 1] are not.
      float[][] halfA = Arrays.copyOfRange(features, 0, 500);
      float[][] halfB = Arrays.copyOfRange(features, 500, 1000);
      float[][] noise = classifier.features(manager.randomUniform(-1, 1, new Shape(500, 1, SIZE, SIZE)));
      double floor = FrechetDistance.squared(halfB, halfA);
      double toNoise = FrechetDistance.squared(noise, halfA);
      System.out.printf("Fréchet distance, %d px: halves of the digits %.3f, noise to digits %.3f%n", SIZE, floor, toNoise);
      assertTrue(floor > 0 && 10 * floor < toNoise, floor + " and " + toNoise);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(cache)) {
      files = listing.toList();
    }
    assertEquals(1, files.size(), "one parameter file and no temporary one: " + files);
    assertTrue(files.get(0).getFileName().toString().matches("digit-classifier-16-[0-9a-f]{8}\\.params"), files.toString());

    try (DigitClassifier reloaded = DigitClassifier.cached(cache, SIZE, (size, count, seed) -> {
          throw new AssertionError("the cached classifier was trained again");
        });
        NDManager manager = NDManager.newBaseManager()) {
      assertArrayEquals(predicted, reloaded.predict(heldOut.get(manager, first).w()));
    }
  }

  @Test
  void aDamagedFileIsNamed() throws IOException {
    Path file = Files.writeString(cache.resolve("digit-classifier.params"), "not parameters");
    IOException error = assertThrows(IOException.class, () -> DigitClassifier.load(file, SIZE));
    assertEquals(file + ": not a digit classifier of 16-pixel images; delete it to retrain", error.getMessage());
  }
}

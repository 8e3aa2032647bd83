package org.modulardiffusion.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.dataset.Digits;

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

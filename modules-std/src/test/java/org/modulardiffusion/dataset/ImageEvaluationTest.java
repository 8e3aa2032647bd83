package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.eval.SampleSource;

/** The measures of digits drawn by a net that reads no labels: the digits the classifier reads in them. */
class ImageEvaluationTest {
  private static final int SIZE = 8;
  @TempDir Path cache;

  @Test
  void unlabelledSamplesAreMeasuredByTheDigitsReadInThem() throws IOException {
    // The "samples" are 40 held-out digits whose labels are known: the shares the classifier reads
    // must be theirs, but for its few errors (it reads 99 % of held-out digits right).
    Dataset digits = new Digits(SIZE, 40, 7);
    int[] all = IntStream.range(0, 40).toArray();
    try (NDManager manager = NDManager.newBaseManager();
        DigitClassifier classifier = DigitClassifier.cached(cache, SIZE, Digits::new)) {
      Dataset.Examples examples = digits.get(manager, all);
      long[] labels = examples.y().toLongArray();
      SampleSource source = (target, asked, perLabel, guidance) -> {
        assertEquals(40, asked.length * perLabel);
        NDArray images = examples.w().toDevice(target.getDevice(), true);
        return NDArrays.stack(new NDList(images.zerosLike(), images));
      };
      float[][] reference = classifier.features(new Digits(SIZE, 200, 8), 200);

      Map<String, Object> metrics =
          ImageEvaluation.measureUnlabelled(source, new long[] {1, 2, 3, 4}, 10, classifier, reference);

      assertFalse(metrics.containsKey("accuracy"), "no sample was drawn for a label: " + metrics);
      @SuppressWarnings("unchecked")
      Map<String, Double> read = (Map<String, Double>) metrics.get("read_by_label");
      assertEquals(10, read.size());
      double total = 0;
      for (long label = 1; label <= 10; label++) {
        long digit = label;
        double share = (double) LongStream.of(labels).filter(l -> l == digit).count() / 40;
        double readShare = read.get(Long.toString(label));
        assertEquals(share, readShare, 2.0 / 40, "label " + label + ": " + read);
        total += readShare;
      }
      assertEquals(1, total, 1e-9);
      assertTrue((double) metrics.get("fd") > 0, metrics.toString());
    }
  }
}

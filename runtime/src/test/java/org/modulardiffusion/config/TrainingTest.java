package org.modulardiffusion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.train.Workers;

/** The {@code train} section's change of batch that keeps the examples of an optimizer step. */
class TrainingTest {
  /** Batches of 16 accumulated in threes: 48 examples a step. */
  private static final Training SECTION =
      Training.of(ConfigReader.parse("t.yaml", "{batch: 16, accumulate: 3, warmup: 5}"));

  @Test
  void aSmallerBatchAccumulatesMoreOfThemIntoTheSameStep() {
    Training smaller = SECTION.withBatch(12);
    assertEquals(12, smaller.batch());
    assertEquals(4, smaller.accumulate()); // 48 / 12
    // 100 examples: 9 batches of 12 make 3 steps, as 7 batches of 16 did (groups of 4 and of 3).
    assertEquals(3, smaller.optimizerSteps(100));
    assertEquals(3, SECTION.optimizerSteps(100));
    assertEquals(SECTION.warmup(), smaller.warmup());
  }

  @Test
  void aLargerBatchAccumulatesFewer() {
    Training larger = SECTION.withBatch(48);
    assertEquals(1, larger.accumulate());
  }

  @Test
  void aBatchThatDoesNotDivideTheStepNamesTheNearestThatDo() {
    var between = assertThrows(IllegalArgumentException.class, () -> SECTION.withBatch(10));
    // The divisors of 48: 1, 2, 3, 4, 6, 8, 12, 16, 24, 48.
    assertEquals("a batch of 10 does not divide the 48 examples of an optimizer step (train.batch 16 ×"
        + " train.accumulate 3); the nearest that do are 8 and 12", between.getMessage());
    // The divisors of 98: 1, 2, 7, 14, 49, 98. Above 20 the next is 49, more than twice 20: not offered.
    Training pairs = Training.of(ConfigReader.parse("t.yaml", "{batch: 49, accumulate: 2}"));
    var far = assertThrows(IllegalArgumentException.class, () -> pairs.withBatch(20));
    assertEquals("a batch of 20 does not divide the 98 examples of an optimizer step (train.batch 49 ×"
        + " train.accumulate 2); the nearest that does is 14", far.getMessage());
    var more = assertThrows(IllegalArgumentException.class, () -> SECTION.withBatch(64));
    assertEquals("a batch of 64 is more than the 48 examples of an optimizer step (train.batch 16 ×"
        + " train.accumulate 3); the nearest that does is 48", more.getMessage());
    var none = assertThrows(IllegalArgumentException.class, () -> SECTION.withBatch(0));
    assertEquals("a batch must hold at least 1 example, got 0", none.getMessage());
  }

  @Test
  void workersThatDoNotSplitTheBatchEvenlyNameTheNearestBatchesThatThey() {
    Training thirty = Training.of(ConfigReader.parse("t.yaml", "{batch: 30}"));
    // The batch is checked before the model is used.
    assertEquals("train.batch: 30 examples do not split evenly among 4 workers; the nearest batches that do are 28"
        + " and 32", assertThrows(IllegalArgumentException.class, () -> thirty.loop(null, workers(4))).getMessage());
    Training two = Training.of(ConfigReader.parse("t.yaml", "{batch: 2}"));
    assertEquals("train.batch: 2 examples do not split evenly among 3 workers; the nearest batches that do are 3",
        assertThrows(IllegalArgumentException.class, () -> two.loop(null, workers(3))).getMessage());
  }

  /** The first of {@code count} workers, which never sums. */
  private static Workers workers(int count) {
    return new Workers() {
      @Override
      public int rank() {
        return 0;
      }

      @Override
      public int count() {
        return count;
      }

      @Override
      public void sum(NDArray array) {
        throw new AssertionError("no sums in this test");
      }
    };
  }
}

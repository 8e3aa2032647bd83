package org.modulardiffusion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** When a run counts as diverged. */
class DivergenceTest {
  @Test
  void aLossFarAboveItsLowestRunningMeanStopsTheRun() {
    Divergence check = new Divergence(100);
    // The running mean starts at 2 and then moves a tenth of the way to each loss: 2, 1.9, 1.81.
    check.check(1, 1, 2);
    check.check(1, 2, 1);
    check.check(1, 3, 1);
    check.check(1, 4, 180); // below 100 · 1.81 = 181
    var error = assertThrows(IllegalStateException.class, () -> check.check(1, 5, 1000));
    // After 180 the mean is 0.9 · 1.81 + 18 = 19.629; the floor stays 1.81.
    assertEquals("training diverged in epoch 1, step 5: the loss 1000.0 is over 100.0 times its lowest running"
        + " mean 1.81 (train.divergence); try a lower learning rate", error.getMessage());
  }

  @Test
  void aLossThatIsNotFiniteAlwaysStopsTheRun() {
    Divergence unbounded = new Divergence(Double.POSITIVE_INFINITY);
    unbounded.check(2, 1, 1e30f);
    assertEquals("training diverged in epoch 2, step 2: the loss is NaN; try a lower learning rate",
        assertThrows(IllegalStateException.class, () -> unbounded.check(2, 2, Float.NaN)).getMessage());
    assertThrows(IllegalStateException.class, () -> new Divergence(10).check(1, 1, Float.POSITIVE_INFINITY));
  }

  @Test
  void aLossBelowZeroSetsNoFloor() {
    Divergence check = new Divergence(10);
    check.check(1, 1, -5);
    check.check(1, 2, 1000); // a learned variance's loss can be negative, then positive
  }
}

package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchTimingTest {
  /** Rounds of 2, 1 and 4 seconds for 8 steps each: 4, 8 and 2 steps/s. */
  private final BenchCommand.Timing rounds = new BenchCommand.Timing(new double[] {2, 1, 4});

  @Test
  void theSpeedIsThatOfTheMedianRound() {
    assertEquals(4.0, rounds.median(8), 1e-12);
    assertEquals(40.0, rounds.median(80), 1e-12);
  }

  @Test
  void theRangeRunsFromTheSlowestToTheFastestRound() {
    assertArrayEquals(new double[] {2.0, 8.0}, rounds.range(8), 1e-12);
    assertArrayEquals(new double[] {0.33, 1.0}, new BenchCommand.Timing(new double[] {3, 1}).range(1), 1e-12);
    assertEquals(", median of 3 rounds of 2.00 to 8.00 steps/s", rounds.describe(8));
  }

  @Test
  void oneRoundHasNoRangeToDescribe() {
    assertEquals("", new BenchCommand.Timing(new double[] {2}).describe(8));
  }
}

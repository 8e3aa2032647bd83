package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

  @Test
  void theMedianIsTheMiddleTimingOrTheMeanOfTheTwoMiddleOnes() {
    assertEquals(0.4, BenchCommand.median(0.4));
    assertEquals(0.3, BenchCommand.median(0.9, 0.1, 0.3));
    assertEquals(2.5, BenchCommand.median(4, 1, 3, 2));
  }

  @Test
  void theTimingsAreLeftInTheirOrder() {
    double[] timings = {3, 1, 2};
    BenchCommand.median(timings);
    assertEquals(3, timings[0]);
  }
}

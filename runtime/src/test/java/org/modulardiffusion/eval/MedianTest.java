package org.modulardiffusion.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MedianTest {

  @Test
  void isTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    assertEquals(0.4, Median.of(0.4));
    assertEquals(0.3, Median.of(0.9, 0.1, 0.3));
    assertEquals(2.5, Median.of(4, 1, 3, 2));
  }

  @Test
  void leavesTheValuesInTheirOrder() {
    double[] values = {3, 1, 2};
    Median.of(values);
    assertEquals(3, values[0]);
  }
}

package org.modulardiffusion.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every metric on inputs whose value is known by hand or in closed form. */
class MetricsTest {

  private static float[][] gaussianPoints(int count, long seed) {
    Random random = new Random(seed);
    float[][] points = new float[count][2];
    for (float[] point : points) {
      point[0] = (float) random.nextGaussian();
      point[1] = (float) random.nextGaussian();
    }
    return points;
  }

  private static float[][] shifted(float[][] points, float dx, float dy) {
    float[][] moved = new float[points.length][];
    for (int i = 0; i < points.length; i++) {
      moved[i] = new float[] {points[i][0] + dx, points[i][1] + dy};
    }
    return moved;
  }

  @Test
  void slicedWassersteinOfASetWithItselfIsZero() {
    float[][] points = gaussianPoints(100, 1);
    assertEquals(0, new SlicedWasserstein().distance(points, points.clone()));
  }

  @Test
  void slicedWassersteinOfAShiftIsTwoOverPiTimesItsLength() {
    // Y = X + v: every direction θ gives |v·θ| exactly; the mean over the circle is 2|v|/π
    // = 10/π = 3.1831 for v = (3, 4). With 4096 directions the standard error is
    // 5·sqrt(1/2 − 4/π²)/64 = 0.024; the tolerance is four of them.
    float[][] points = gaussianPoints(200, 2);
    double distance = new SlicedWasserstein(4096, 3).distance(points, shifted(points, 3, 4));
    assertEquals(10 / Math.PI, distance, 0.1);
  }

  @Test
  void slicedWassersteinInOneDimensionIsTheWassersteinDistanceOfTheSortedValues() {
    // {0, 1, 3} against {2, 2, 0}, sorted {0, 2, 2}: (0 + 1 + 1) / 3, whatever the direction (±1).
    float[][] x = {{0}, {1}, {3}};
    float[][] y = {{2}, {2}, {0}};
    assertEquals(2 / 3.0, new SlicedWasserstein(7, 5).distance(x, y), 1e-12);
  }

  @Test
  void slicedWassersteinNeedsSetsOfOneSize() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new SlicedWasserstein().distance(new float[3][2], new float[2][2]));
    assertEquals("the sets must have as many points, got 3 and 2", error.getMessage());
  }

  @Test
  void mmdOfAShiftedPairByHand() {
    // X = {(0,0), (1,0)}, Y = X + (0,1), σ = 1: k = exp(−d²/2). Within X and within Y the one
    // pair lies 1 apart: e^{−1/2} each. Across, d² = 1, 2, 2, 1: mean (e^{−1/2} + e^{−1})/2.
    // MMD² = 2e^{−1/2} − (e^{−1/2} + e^{−1}) = e^{−1/2} − e^{−1} = 0.238651.
    float[][] x = {{0, 0}, {1, 0}};
    float[][] y = {{0, 1}, {1, 1}};
    assertEquals(0.238651, Mmd.squared(x, y, 1), 1e-6);
  }

  @Test
  void unbiasedMmdOfASetWithItselfIsMinusTwoTimesOneMinusKappaOverM() {
    // Two points 1 apart, σ = 1: κ = e^{−1/2}; −2(1 − κ)/2 = −(1 − 0.606531) = −0.393469.
    float[][] x = {{0, 0}, {1, 0}};
    assertEquals(-0.393469, Mmd.squared(x, x, 1), 1e-6);
  }

  @Test
  void mmdOfFarApartSetsApproachesTwo() {
    // Within each set the kernel is 1 (a repeated point), across it is e^{−10⁶/2} ≈ 0: 1 + 1 − 0.
    float[][] x = {{0, 0}, {0, 0}};
    float[][] y = {{1000, 0}, {1000, 0}};
    assertEquals(2, Mmd.squared(x, y, 1), 1e-12);
  }

  @Test
  void medianBandwidthIsTheMedianPairwiseDistanceOfThePooledSets() {
    // {0, 1, 3}: distances 1, 3, 2; the median is 2.
    assertEquals(2, Mmd.medianBandwidth(new float[][] {{0}}, new float[][] {{1}, {3}}), 1e-12);
    // {0, 1, 3, 7}: 1, 3, 7, 2, 6, 4, sorted 1 2 3 4 6 7; the median is (3 + 4)/2.
    assertEquals(3.5, Mmd.medianBandwidth(new float[][] {{0}, {1}}, new float[][] {{3}, {7}}), 1e-12);
  }

  @Test
  void classSpreadIsTheMeanPairwiseDistanceWithinEachLabel() {
    float[][] samples = {{0, 0}, {0, 0}, {3, 4}, {1, 0}, {0, 1}, {9, 9}};
    long[] labels = {1, 2, 1, 2, 2, 3};
    // label 1: |(3,4)| = 5; label 2: distances 1, 1, √2 over 3 pairs; label 3: one sample, left out
    double two = (2 + Math.sqrt(2)) / 3;
    Map<Long, Double> spread = ClassSpread.of(samples, labels);
    assertEquals(List.of(1L, 2L), List.copyOf(spread.keySet()));
    assertEquals(5, spread.get(1L), 1e-6);
    assertEquals(two, spread.get(2L), 1e-6);
    assertEquals((5 + two) / 2, ClassSpread.mean(samples, labels), 1e-6);
  }
}

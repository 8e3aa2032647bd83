package org.modulardiffusion.eval;

import java.util.Arrays;

/** The median of numbers: the middle one of an odd count, the mean of the two middle ones of an even count. */
public final class Median {
  private Median() {}

  /**
   * The median of {@code values}, which are left in their order; at least one value.
   *
   * @param values the values, at least one
   * @return the median; the mean of the two middle values for an even count
   */
  public static double of(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}

package org.modulardiffusion.eval;

import java.util.Arrays;

/**
 * The squared maximum mean discrepancy between samples X (m points) and Y (n points) under the
 * Gaussian kernel k(a, b) = exp(−|a − b|² / (2σ²)), by the unbiased estimator of Gretton et al.
 * (2012):
 *
 * <pre>MMD²ᵤ = Σ_{i≠j} k(xᵢ, xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ, yⱼ) / (n(n−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ) / (mn).</pre>
 *
 * <p>Its expectation is 0 when X and Y come from one distribution, so it can be slightly
 * negative; for X = Y it is −2(1 − κ)/m, κ the mean of k(xᵢ, xⱼ) over i ≠ j. The bandwidth σ is
 * given, or set by the median heuristic ({@link #medianBandwidth}).
 */
public final class Mmd {
  private Mmd() {}

  /**
   * MMD²ᵤ with the median heuristic's bandwidth on the pooled points of x and y.
   *
   * @param x a set of points, at least two
   * @param y another set of points, at least two
   * @return MMD²ᵤ, which may be slightly negative
   */
  public static double squared(float[][] x, float[][] y) {
    return squared(x, y, medianBandwidth(x, y));
  }

  /**
   * MMD²ᵤ with bandwidth {@code sigma}; each set needs at least two points.
   *
   * @param x a set of points
   * @param y another set of points
   * @param sigma the kernel's bandwidth, positive
   * @return MMD²ᵤ, which may be slightly negative
   */
  public static double squared(float[][] x, float[][] y, double sigma) {
    Points.dimension(x, y);
    if (x.length < 2 || y.length < 2) {
      throw new IllegalArgumentException(
          "the unbiased estimator needs two points in each set, got " + x.length + " and " + y.length);
    }
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("the bandwidth must be positive, got " + sigma);
    }
    double gamma = 1 / (2 * sigma * sigma);
    double xx = kernelSum(x, x, gamma, true) / ((double) x.length * (x.length - 1));
    double yy = kernelSum(y, y, gamma, true) / ((double) y.length * (y.length - 1));
    double xy = kernelSum(x, y, gamma, false) / ((double) x.length * y.length);
    return xx + yy - 2 * xy;
  }

  /**
   * The median heuristic: the median of the distances |a − b| between all pairs of distinct
   * positions in the pooled sets.
   *
   * @param sets the sets of points, of one dimension; two points in all at least
   * @return the median distance
   */
  public static double medianBandwidth(float[][]... sets) {
    Points.dimension(sets);
    float[][] pooled = Arrays.stream(sets).flatMap(Arrays::stream).toArray(float[][]::new);
    if (pooled.length < 2) {
      throw new IllegalArgumentException("the median heuristic needs two points");
    }
    double[] distances = new double[pooled.length * (pooled.length - 1) / 2];
    int k = 0;
    for (int i = 0; i < pooled.length; i++) {
      for (int j = i + 1; j < pooled.length; j++) {
        distances[k++] = Math.sqrt(Points.squaredDistance(pooled[i], pooled[j]));
      }
    }
    return Median.of(distances);
  }

  /** Σ k(aᵢ, bⱼ) over all pairs, or over i ≠ j when {@code offDiagonal}. */
  private static double kernelSum(float[][] a, float[][] b, double gamma, boolean offDiagonal) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        if (!offDiagonal || i != j) {
          sum += Math.exp(-gamma * Points.squaredDistance(a[i], b[j]));
        }
      }
    }
    return sum;
  }
}

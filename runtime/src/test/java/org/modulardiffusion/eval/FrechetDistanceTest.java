package org.modulardiffusion.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against hand calculations, and the Jacobi decomposition it rests on. */
class FrechetDistanceTest {

  private static float[][] column(float... values) {
    float[][] points = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      points[i] = new float[] {values[i]};
    }
    return points;
  }

  /** {(a, 0), (−a, 0), (0, b), (0, −b)}: mean 0, covariance diag(2a²/3, 2b²/3) (divided by n − 1 = 3). */
  private static float[][] cross(double a, double b, double angle, double dx, double dy) {
    double[][] points = {{a, 0}, {-a, 0}, {0, b}, {0, -b}};
    float[][] moved = new float[4][];
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    for (int i = 0; i < 4; i++) {
      double x = points[i][0];
      double y = points[i][1];
      moved[i] = new float[] {(float) (c * x - s * y + dx), (float) (s * x + c * y + dy)};
    }
    return moved;
  }

  private static float[][] gaussian(int count, int dimension, long seed) {
    Random random = new Random(seed);
    float[][] points = new float[count][dimension];
    for (float[] point : points) {
      for (int i = 0; i < dimension; i++) {
        point[i] = (float) (random.nextGaussian() * (1 + i % 3) + 0.1 * i);
      }
    }
    return points;
  }

  @Test
  void inOneDimensionItIsTheSquaredDifferencesOfMeansAndDeviations() {
    // {0, 2}: μ 1, σ² 2; {1, 3, 5}: μ 3, σ² 4; d² = (1 − 3)² + (√2 − 2)² = 10 − 4√2.
    double expected = 10 - 4 * Math.sqrt(2);
    assertEquals(expected, FrechetDistance.squared(column(0, 2), column(1, 3, 5)), 1e-12);
  }

  @Test
  void withDiagonalCovariancesItSumsOverTheAxes() {
    // Σ₁ = diag(2/3, 8/3), Σ₂ = diag(6, 2/3), means 0 and (1, −2):
    // d² = 1 + 4 + (√(2/3) − √6)² + (√(8/3) − √(2/3))².
    double expected = 5 + Math.pow(Math.sqrt(2.0 / 3) - Math.sqrt(6), 2) + Math.pow(Math.sqrt(8.0 / 3) - Math.sqrt(2.0 / 3), 2);
    assertEquals(expected, FrechetDistance.squared(cross(1, 2, 0, 0, 0), cross(3, 1, 0, 1, -2)), 1e-9);
  }

  @Test
  void withARotatedCovarianceItMatchesTheTwoByTwoClosedForm() {
    // Σ₁ = D = diag(d1, d2), Σ₂ = R D Rᵀ for a rotation by φ, means 0 and (0.5, 0.25). For 2×2
    // positive semi-definite M, Tr √M = √(Tr M + 2√det M); with M = Σ₁Σ₂ (the eigenvalues of
    // Σ₁^½ Σ₂ Σ₁^½): Tr M = d1² cos²φ + d2² cos²φ + 2 d1 d2 sin²φ, det M = (d1 d2)².
    double d1 = 2.0 / 3;
    double d2 = 2.0 * 9 / 3;
    // The rotated points are rounded to floats (relative 6e-8), hence 1e-6 rather than 1e-9.
    for (double angle : new double[] {Math.PI / 6, Math.PI / 2, 1.0}) {
      double c2 = Math.cos(angle) * Math.cos(angle);
      double traceM = (d1 * d1 + d2 * d2) * c2 + 2 * d1 * d2 * (1 - c2);
      double rootTrace = Math.sqrt(traceM + 2 * d1 * d2);
      double expected = 0.25 + 0.0625 + 2 * (d1 + d2) - 2 * rootTrace;
      assertEquals(expected, FrechetDistance.squared(cross(1, 3, 0, 0, 0), cross(1, 3, angle, 0.5, 0.25)), 1e-6, "φ " + angle);
    }
    // A quarter turn swaps the axes: d² = 2(√d1 − √d2)² + |Δμ|².
    double quarter = 2 * Math.pow(Math.sqrt(d1) - Math.sqrt(d2), 2) + 0.3125;
    assertEquals(quarter, FrechetDistance.squared(cross(1, 3, 0, 0, 0), cross(1, 3, Math.PI / 2, 0.5, 0.25)), 1e-6);
  }

  @Test
  void aSetIsAtZeroFromItselfAndTheDistanceIsSymmetric() {
    // Fewer points than dimensions too: a singular covariance.
    for (int count : new int[] {200, 20}) {
      float[][] x = gaussian(count, 32, 1);
      double scale = FrechetDistance.squared(x, gaussian(count, 32, 9));
      assertEquals(0, FrechetDistance.squared(x, x.clone()), 1e-9 * scale, count + " points");
    }
    float[][] x = gaussian(150, 12, 2);
    float[][] y = gaussian(90, 12, 3);
    double xy = FrechetDistance.squared(x, y);
    assertEquals(xy, FrechetDistance.squared(y, x), 1e-9 * xy);
  }

  @Test
  void itNeedsTwoPointsOfOneDimensionInEachSet() {
    assertThrows(IllegalArgumentException.class, () -> FrechetDistance.squared(column(1), column(1, 2)));
    assertThrows(IllegalArgumentException.class, () -> FrechetDistance.squared(column(1, 2), gaussian(3, 2, 1)));
  }

  @Test
  void jacobiRebuildsASymmetricMatrixFromOrthonormalEigenvectors() {
    Random random = new Random(5);
    int n = 24;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = random.nextGaussian();
        a[j][i] = a[i][j];
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(a);
    double[][] rebuilt = eigen.apply(lambda -> lambda);
    double[][] identity = eigen.apply(lambda -> 1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(a[i][j], rebuilt[i][j], 1e-12);
        assertEquals(i == j ? 1 : 0, identity[i][j], 1e-12);
      }
    }
    // The eigenvalues of [[2, 1], [1, 2]] are 1 and 3.
    double[] values = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}).values().clone();
    Arrays.sort(values);
    assertEquals(1, values[0], 1e-15);
    assertEquals(3, values[1], 1e-15);
  }
}

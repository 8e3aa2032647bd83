package org.modulardiffusion.eval;

/**
 * The Fréchet distance between two point sets, each taken as the Gaussian of its mean and
 * covariance (Dowson &amp; Landau 1982; as FID measures it in Inception's features, Heusel et al.
 * 2017):
 *
 * <pre>d² = |μ₁ − μ₂|² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½).</pre>
 *
 * <p>Covariances are the unbiased sample covariances (divided by n − 1, as {@code numpy.cov}
 * does for FID). The trace of the square root is Σ √λ over the eigenvalues λ of the symmetric
 * Σ₁^½ Σ₂ Σ₁^½, which are those of Σ₁Σ₂: both square roots by a Jacobi {@link SymmetricEigen}
 * decomposition in double precision, eigenvalues below 0 (rounding, or a covariance of fewer
 * points than dimensions) taken as 0. In one dimension d² = (μ₁ − μ₂)² + (σ₁ − σ₂)². The
 * estimate is biased upwards with few points, so compare it only with one of the same sizes.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /**
   * d² between {@code x} and {@code y}, each at least two points of one dimension; 0 or more.
   *
   * @param x a set of points
   * @param y another set of points
   * @return d²
   */
  public static double squared(float[][] x, float[][] y) {
    int d = Points.dimension(x, y);
    if (x.length < 2 || y.length < 2) {
      throw new IllegalArgumentException(
          "a covariance needs two points in each set, got " + x.length + " and " + y.length);
    }
    double[] mean1 = mean(x, d);
    double[] mean2 = mean(y, d);
    double[][] sigma1 = covariance(x, mean1);
    double[][] sigma2 = covariance(y, mean2);
    double[][] root1 = SymmetricEigen.of(sigma1).apply(FrechetDistance::sqrt);
    double[][] middle = product(product(root1, sigma2), root1);
    double rootTrace = 0;
    for (double lambda : SymmetricEigen.of(symmetric(middle)).values()) {
      rootTrace += sqrt(lambda);
    }
    double distance = -2 * rootTrace;
    for (int i = 0; i < d; i++) {
      double delta = mean1[i] - mean2[i];
      distance += delta * delta + sigma1[i][i] + sigma2[i][i];
    }
    return Math.max(0, distance);
  }

  private static double sqrt(double lambda) {
    return Math.sqrt(Math.max(0, lambda));
  }

  private static double[] mean(float[][] points, int d) {
    double[] mean = new double[d];
    for (float[] point : points) {
      for (int i = 0; i < d; i++) {
        mean[i] += point[i];
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= points.length;
    }
    return mean;
  }

  /** Σ (x − μ)(x − μ)ᵀ / (n − 1). */
  private static double[][] covariance(float[][] points, double[] mean) {
    int d = mean.length;
    double[][] sigma = new double[d][d];
    double[] centred = new double[d];
    for (float[] point : points) {
      for (int i = 0; i < d; i++) {
        centred[i] = point[i] - mean[i];
      }
      for (int i = 0; i < d; i++) {
        for (int j = i; j < d; j++) {
          sigma[i][j] += centred[i] * centred[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        sigma[i][j] /= points.length - 1;
        sigma[j][i] = sigma[i][j];
      }
    }
    return sigma;
  }

  private static double[][] product(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i][k];
        for (int j = 0; j < n; j++) {
          c[i][j] += aik * b[k][j];
        }
      }
    }
    return c;
  }

  /** (M + Mᵀ) / 2: symmetric again after rounding. */
  private static double[][] symmetric(double[][] m) {
    int n = m.length;
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s[i][j] = (m[i][j] + m[j][i]) / 2;
      }
    }
    return s;
  }
}

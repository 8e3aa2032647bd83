package org.modulardiffusion.eval;

import java.util.function.DoubleUnaryOperator;

/**
 * The eigen-decomposition A = V diag(λ) Vᵀ of a real symmetric matrix, by cyclic Jacobi
 * rotations in double precision: each rotation J in the plane (p, q) zeroes a<sub>pq</sub> of
 * JᵀAJ, with tan φ = t the smaller root of t² + 2θt − 1 = 0, θ = (a<sub>qq</sub> −
 * a<sub>pp</sub>) / (2a<sub>pq</sub>); sweeps over all pairs repeat until the off-diagonal part
 * is negligible. Quadratically convergent and accurate for the small matrices of the metrics
 * (a few dozen rows); O(n³) a sweep.
 *
 * @param values the eigenvalues λ, in no particular order
 * @param vectors the eigenvectors, as the columns of V: {@code vectors[i][k]} is row i of vector k
 */
record SymmetricEigen(double[] values, double[][] vectors) {
  private static final int MAX_SWEEPS = 100;

  /** The decomposition of the symmetric {@code matrix}, which it does not change. */
  static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    double[][] v = new double[n][n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException("a square matrix has " + n + " columns in each row, row " + i + " has " + matrix[i].length);
      }
      a[i] = matrix[i].clone();
      v[i][i] = 1;
      for (int j = 0; j < n; j++) {
        total += a[i][j] * a[i][j];
      }
    }
    for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-30 * total; sweep++) {
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] != 0) {
            rotate(a, v, p, q);
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    return new SymmetricEigen(values, v);
  }

  /** A ← JᵀAJ and V ← VJ for the rotation that zeroes a<sub>pq</sub>. */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.hypot(theta, 1));
    double c = 1 / Math.hypot(t, 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) { // columns: AJ
      double kp = a[k][p];
      double kq = a[k][q];
      a[k][p] = c * kp - s * kq;
      a[k][q] = s * kp + c * kq;
    }
    for (int k = 0; k < n; k++) { // rows: Jᵀ(AJ)
      double pk = a[p][k];
      double qk = a[q][k];
      a[p][k] = c * pk - s * qk;
      a[q][k] = s * pk + c * qk;
    }
    a[p][q] = 0;
    a[q][p] = 0;
    for (int k = 0; k < n; k++) {
      double kp = v[k][p];
      double kq = v[k][q];
      v[k][p] = c * kp - s * kq;
      v[k][q] = s * kp + c * kq;
    }
  }

  private static double offDiagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        sum += i == j ? 0 : a[i][j] * a[i][j];
      }
    }
    return sum;
  }

  /** V f(diag(λ)) Vᵀ: the matrix function {@code f} of A, such as its square root. */
  double[][] apply(DoubleUnaryOperator f) {
    int n = values.length;
    double[] fv = new double[n];
    for (int k = 0; k < n; k++) {
      fv[k] = f.applyAsDouble(values[k]);
    }
    double[][] result = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += vectors[i][k] * fv[k] * vectors[j][k];
        }
        result[i][j] = sum;
        result[j][i] = sum;
      }
    }
    return result;
  }
}

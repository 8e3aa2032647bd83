package org.modulardiffusion.eval;

/** Checks shared by the metrics on point sets: rows of equal, non-zero dimension. */
final class Points {
  private Points() {}

  /** The dimension of the points of {@code sets}, which must all have it; every set non-empty. */
  static int dimension(float[][]... sets) {
    int dimension = -1;
    for (float[][] set : sets) {
      if (set.length == 0) {
        throw new IllegalArgumentException("a point set is empty");
      }
      for (float[] point : set) {
        if (dimension < 0) {
          dimension = point.length;
        }
        if (point.length != dimension || dimension == 0) {
          throw new IllegalArgumentException(
              "points must have one non-zero dimension, got " + dimension + " and " + point.length);
        }
      }
    }
    return dimension;
  }

  /** The squared Euclidean distance |a − b|². */
  static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }
}

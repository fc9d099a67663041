package org.spectrumledger.operator.forecast;

/** Small dense linear algebra for the regressions. */
final class Linear {

  private Linear() {}

  /**
   * Solves {@code A x = b} in place for a symmetric positive (semi)definite {@code A} (row-major
   * n×n, overwritten) by Gaussian elimination with partial pivoting; {@code b} becomes x.
   */
  static void solveSymmetric(double[] a, double[] b, int n) {
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot * n + col]) < 1e-300) {
        b[col] = 0;
        continue;
      }
      if (pivot != col) {
        for (int k = 0; k < n; k++) {
          double tmp = a[col * n + k];
          a[col * n + k] = a[pivot * n + k];
          a[pivot * n + k] = tmp;
        }
        double tb = b[col];
        b[col] = b[pivot];
        b[pivot] = tb;
      }
      double p = a[col * n + col];
      for (int r = col + 1; r < n; r++) {
        double f = a[r * n + col] / p;
        if (f == 0) {
          continue;
        }
        for (int k = col; k < n; k++) {
          a[r * n + k] -= f * a[col * n + k];
        }
        b[r] -= f * b[col];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r * n + k] * b[k];
      }
      double p = a[r * n + r];
      b[r] = Math.abs(p) < 1e-300 ? 0 : s / p;
    }
  }
}

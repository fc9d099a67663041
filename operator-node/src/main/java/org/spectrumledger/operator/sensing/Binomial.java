package org.spectrumledger.operator.sensing;

/** Binomial tail probabilities, summed in log space so large n neither underflows nor overflows. */
final class Binomial {

  private Binomial() {}

  /** P(K ≥ k) for K ~ Binomial(n, p). */
  static double atLeast(int n, int k, double p) {
    if (n < 0 || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("binomial needs n >= 0 and p in [0, 1]");
    }
    if (k <= 0) {
      return 1;
    }
    if (k > n) {
      return 0;
    }
    if (p == 0) {
      return 0;
    }
    if (p == 1) {
      return 1;
    }
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    // log C(n, k) built up incrementally from log C(n, 0) = 0
    double logChoose = 0;
    for (int i = 1; i <= k; i++) {
      logChoose += Math.log(n - i + 1) - Math.log(i);
    }
    double sum = 0;
    for (int i = k; i <= n; i++) {
      sum += Math.exp(logChoose + i * logP + (n - i) * logQ);
      logChoose += Math.log(n - i) - Math.log(i + 1);
    }
    return Math.min(1, sum);
  }
}

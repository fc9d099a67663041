package org.spectrumledger.operator.pricing;

/**
 * The paper's price rule {@code P = c × T}: the price of one SRU is a constant times the traffic
 * demand T that sets it (ALGORITHMS.md §3).
 *
 * @param coefficient c (paper: 0.1)
 */
public record LinearPricing(double coefficient) {

  public LinearPricing {
    if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
      throw new IllegalArgumentException("the price coefficient must be >= 0, got " + coefficient);
    }
  }

  /** c = 0.1. */
  public static LinearPricing paper() {
    return new LinearPricing(0.1);
  }

  /** The price per SRU at traffic demand {@code traffic}. */
  public double price(double traffic) {
    if (traffic < 0) {
      throw new IllegalArgumentException("traffic demand must be >= 0, got " + traffic);
    }
    return coefficient * traffic;
  }
}

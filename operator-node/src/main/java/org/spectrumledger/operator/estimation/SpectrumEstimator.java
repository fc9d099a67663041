package org.spectrumledger.operator.estimation;

import java.util.Arrays;

/**
 * Spectrum estimation (ALGORITHMS.md §2): the SRU to hold for the next step is the demand forecast
 * plus a safety margin, the q-quantile of the recent forecast errors (actual − forecast); compared
 * with the licence (24 SRU) it says how much to buy (deficit) or may be sold (surplus). Online:
 * {@link #observe} records each forecast's error once the actual demand is known.
 */
public final class SpectrumEstimator {

  /** The estimate for one step. */
  public record Estimate(
      double forecast, double margin, double required, double toBuy, double toSell) {}

  private final double licence;
  private final double quantile;
  private final double[] errors;
  private int count;
  private int next;

  /**
   * @param licence the SRU held without trading (24)
   * @param quantile the error quantile of the margin, in [0, 1] (0.5: the median error)
   * @param window how many recent errors the quantile is taken over
   */
  public SpectrumEstimator(double licence, double quantile, int window) {
    if (!(quantile >= 0 && quantile <= 1) || window < 1 || !(licence >= 0)) {
      throw new IllegalArgumentException("need licence >= 0, quantile in [0, 1], window >= 1");
    }
    this.licence = licence;
    this.quantile = quantile;
    this.errors = new double[window];
  }

  /** Records that {@code forecast} was made for a step whose demand turned out {@code actual}. */
  public void observe(double actual, double forecast) {
    errors[next] = actual - forecast;
    next = (next + 1) % errors.length;
    count = Math.min(errors.length, count + 1);
  }

  /** The margin: the quantile of the recorded errors (0 before any). */
  public double margin() {
    if (count == 0) {
      return 0;
    }
    double[] e = Arrays.copyOf(errors, count);
    Arrays.sort(e);
    double pos = quantile * (count - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(count - 1, lo + 1);
    return e[lo] + (pos - lo) * (e[hi] - e[lo]);
  }

  /** The estimate for a forecast of the next step's demand. */
  public Estimate estimate(double forecast) {
    double m = margin();
    double required = Math.max(0, forecast + m);
    return new Estimate(
        forecast, m, required, Math.max(0, required - licence), Math.max(0, licence - required));
  }
}

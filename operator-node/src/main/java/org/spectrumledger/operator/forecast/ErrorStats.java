package org.spectrumledger.operator.forecast;

/** Accumulates forecast errors: MAE, RMSE, sMAPE and MASE (given the scale). */
final class ErrorStats {
  private double abs;
  private double sq;
  private double smape;
  private long n;

  void add(double actual, double forecast) {
    double e = actual - forecast;
    abs += Math.abs(e);
    sq += e * e;
    double denom = Math.abs(actual) + Math.abs(forecast);
    smape += denom == 0 ? 0 : 2 * Math.abs(e) / denom;
    n++;
  }

  long count() {
    return n;
  }

  double mae() {
    return abs / n;
  }

  double rmse() {
    return Math.sqrt(sq / n);
  }

  /** sMAPE in percent. */
  double smape() {
    return 100 * smape / n;
  }

  double mase(double scale) {
    return mae() / scale;
  }
}

package org.spectrumledger.operator.forecast;

/**
 * An online forecaster: it has seen a history, takes each new observation as it arrives and
 * forecasts the values that follow the last one. Not thread-safe; one per series.
 */
public interface Forecaster {

  /** Adds the next observation. */
  void observe(double value);

  /**
   * Writes the forecasts of the next {@code out.length} values (out[0] is the next one) into {@code
   * out}.
   */
  void forecast(double[] out);

  /** The forecast of the next value. */
  default double forecastNext() {
    double[] out = new double[1];
    forecast(out);
    return out[0];
  }

  /** The model's name, as in the evaluation tables. */
  String name();
}

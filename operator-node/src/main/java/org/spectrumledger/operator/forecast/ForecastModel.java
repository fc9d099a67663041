package org.spectrumledger.operator.forecast;

/**
 * A forecasting method: fitting it to a training history gives an online {@link Forecaster} that
 * has seen that history. Implementations are pure and deterministic under their seed.
 */
public interface ForecastModel {

  /** The name used in tables, JSON and on the command line. */
  String name();

  /** Whether this is one of the baselines every comparison must report. */
  boolean baseline();

  /**
   * Fits the model on {@code history} (the training span) with the daily {@code season} and returns
   * a forecaster positioned after the last value of {@code history}.
   *
   * @param horizon the longest horizon the forecaster will be asked for
   */
  Forecaster fit(double[] history, int season, int horizon);
}

package org.spectrumledger.operator.agent;

import org.spectrumledger.operator.forecast.ForecastModel;

/**
 * A demand series with everything the agent's state needs, computed online by a {@link
 * StateTracker} (no step sees the future): the forecast of the next demand made after each step,
 * the moving average of the last n absolute forecast errors, and the moving average of the last n
 * demands.
 *
 * @param demand the operator's demand per step, SRU
 * @param priceTraffic the demand that sets the price per step
 * @param forecastNext forecastNext[t] is the forecast of demand[t + 1] made at step t
 * @param errorAverage the mean absolute error of the last n forecasts, at step t
 * @param demandAverage the mean of the last n demands, at step t
 * @param moveAverage the mean of the last n absolute demand moves, at step t
 * @param window n
 */
public record DemandTrace(
    double[] demand,
    double[] priceTraffic,
    double[] forecastNext,
    double[] errorAverage,
    double[] demandAverage,
    double[] moveAverage,
    int window) {

  public DemandTrace {
    int n = demand.length;
    if (priceTraffic.length != n
        || forecastNext.length != n
        || errorAverage.length != n
        || demandAverage.length != n
        || moveAverage.length != n) {
      throw new IllegalArgumentException("every array of a demand trace has the same length");
    }
  }

  /** A trace without the recent volatility (all zeros). */
  public DemandTrace(
      double[] demand,
      double[] priceTraffic,
      double[] forecastNext,
      double[] errorAverage,
      double[] demandAverage,
      int window) {
    this(
        demand,
        priceTraffic,
        forecastNext,
        errorAverage,
        demandAverage,
        new double[demand.length],
        window);
  }

  public int size() {
    return demand.length;
  }

  /**
   * Builds a trace: {@code model} is fitted on the first {@code warmup} samples and then walks
   * forward over the rest, forecasting one step ahead before each new value; the warm-up steps are
   * forecast by persistence.
   *
   * @param priceTraffic the price-setting demand (the same length), or null to use {@code demand}
   */
  public static DemandTrace build(
      double[] demand,
      double[] priceTraffic,
      ForecastModel model,
      int season,
      int warmup,
      int window) {
    int n = demand.length;
    if (window < 1) {
      throw new IllegalArgumentException("the moving-average window must be >= 1");
    }
    if (warmup < 1 || warmup >= n) {
      throw new IllegalArgumentException(
          "the forecaster's warm-up (" + warmup + ") must be shorter than the series (" + n + ")");
    }
    if (priceTraffic != null && priceTraffic.length < n) {
      throw new IllegalArgumentException(
          "the price series has " + priceTraffic.length + " samples, fewer than the demand's " + n);
    }
    double[] price =
        priceTraffic == null ? demand.clone() : java.util.Arrays.copyOf(priceTraffic, n);
    double[] f = new double[n];
    double[] err = new double[n];
    double[] avg = new double[n];
    double[] moves = new double[n];
    StateTracker tracker = new StateTracker(window);
    for (int t = 0; t < n; t++) {
      tracker.observe(demand[t]);
      if (t == warmup - 1) {
        tracker.useForecaster(model.fit(java.util.Arrays.copyOf(demand, warmup), season, 1));
      }
      f[t] = tracker.forecastNext();
      err[t] = tracker.errorAverage();
      avg[t] = tracker.demandAverage();
      moves[t] = tracker.moveAverage();
    }
    return new DemandTrace(demand.clone(), price, f, err, avg, moves, window);
  }

  /**
   * The agent's state at step t with the given holding, into {@code out} (length {@link
   * StateTracker#STATE_SIZE}), as {@link StateTracker#state} lays it out.
   */
  public void state(int t, double holding, double[] out) {
    out[0] = holding;
    out[1] = forecastNext[t];
    out[2] = errorAverage[t];
    out[3] = demandAverage[t];
    out[4] = moveAverage[t];
    out[5] = priceTraffic[t];
  }
}

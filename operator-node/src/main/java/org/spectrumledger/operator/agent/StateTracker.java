package org.spectrumledger.operator.agent;

import org.spectrumledger.operator.forecast.ForecastModel;
import org.spectrumledger.operator.forecast.Forecaster;

/**
 * The agent's state built online, one observed demand at a time: the forecast of the next demand,
 * the mean of the last n absolute one-step forecast errors, the mean of the last n demands, the
 * mean of the last n absolute demand moves and the price-setting demand. Training ({@link
 * DemandTrace#build}) and the daemon both build the state with this class, so an agent sees in
 * service exactly the state it was trained on.
 *
 * <p>Until a forecaster is attached ({@link #useForecaster}) the forecast is persistence (the last
 * demand); {@link #fitted} does what training does: persistence over a warm-up history, then a
 * model fitted on that history. Not thread-safe; one per operator.
 */
public final class StateTracker {

  /** The length of a state: the paper's four and the recent volatility and price. */
  public static final int STATE_SIZE = 6;

  private final int window;
  private final double[] errors;
  private final double[] demands;
  private final double[] moves;
  private final double[] next = new double[1];
  private Forecaster forecaster;
  private long count;
  private double errorSum;
  private double demandSum;
  private double moveSum;
  private double lastDemand;
  private double priceTraffic;
  private boolean priceSeen;
  private double forecast;

  /**
   * @param window n, the moving-average window ({@link AgentConfig#window()} of the agent)
   */
  public StateTracker(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("the moving-average window must be >= 1, got " + window);
    }
    this.window = window;
    this.errors = new double[window];
    this.demands = new double[window];
    this.moves = new double[window];
  }

  /**
   * A tracker that has seen {@code history} (forecast by persistence, as in training's warm-up) and
   * from then on forecasts with {@code model} fitted on it.
   *
   * @param season the daily season of the series (24 hourly, 1440 per minute)
   */
  public static StateTracker fitted(ForecastModel model, double[] history, int season, int window) {
    if (history.length < 1) {
      throw new IllegalArgumentException("the history is empty");
    }
    StateTracker tracker = new StateTracker(window);
    for (double v : history) {
      tracker.observe(v);
    }
    tracker.useForecaster(model.fit(history.clone(), season, 1));
    return tracker;
  }

  /**
   * From now on forecasts with {@code f}, which must have seen the same demands as this tracker (it
   * is positioned after the last one).
   */
  public void useForecaster(Forecaster f) {
    forecaster = f;
    f.forecast(next);
    forecast = next[0];
  }

  /** Takes the demand just measured: scores the last forecast, updates both means, forecasts. */
  public void observe(double demand) {
    double error = count == 0 ? 0 : Math.abs(demand - forecast);
    double move = count == 0 ? 0 : Math.abs(demand - lastDemand);
    int slot = (int) (count % window);
    errorSum += error;
    demandSum += demand;
    moveSum += move;
    if (count >= window) {
      errorSum -= errors[slot];
      demandSum -= demands[slot];
      moveSum -= moves[slot];
    }
    errors[slot] = error;
    demands[slot] = demand;
    moves[slot] = move;
    lastDemand = demand;
    count++;
    if (forecaster == null) {
      forecast = demand;
    } else {
      forecaster.observe(demand);
      forecaster.forecast(next);
      forecast = next[0];
    }
  }

  /** The forecast of the next demand. */
  public double forecastNext() {
    return forecast;
  }

  /** The mean absolute forecast error of the last n demands (0 before any). */
  public double errorAverage() {
    return count == 0 ? 0 : errorSum / Math.min(count, window);
  }

  /** The mean of the last n demands (0 before any). */
  public double demandAverage() {
    return count == 0 ? 0 : demandSum / Math.min(count, window);
  }

  /**
   * The mean absolute move |d_t − d_{t−1}| of the last n demands (0 before any): the recent
   * volatility.
   */
  public double moveAverage() {
    return count == 0 ? 0 : moveSum / Math.min(count, window);
  }

  /**
   * Takes the demand that sets the price of the coming decision (P = c × T). Without it the tracker
   * takes the operator's own last demand, as training does without a price series.
   */
  public void observePrice(double traffic) {
    priceTraffic = traffic;
    priceSeen = true;
  }

  /** The price-setting demand of the coming decision. */
  public double priceTraffic() {
    return priceSeen ? priceTraffic : lastDemand;
  }

  /** The demands observed so far. */
  public long observed() {
    return count;
  }

  /**
   * The agent's state with the given holding into {@code out} (length {@link #STATE_SIZE}):
   * [holding, forecast of the next demand, mean absolute error, mean demand, mean absolute move,
   * price-setting demand]. Allocation-free.
   */
  public void state(double holding, double[] out) {
    out[0] = holding;
    out[1] = forecast;
    out[2] = errorAverage();
    out[3] = demandAverage();
    out[4] = moveAverage();
    out[5] = priceTraffic();
  }
}

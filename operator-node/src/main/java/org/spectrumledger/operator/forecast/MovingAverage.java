package org.spectrumledger.operator.forecast;

import java.util.Arrays;

/**
 * The mean of the last {@code w} values, flat over the horizon. A baseline. With no window given,
 * {@code w} is picked on the training history from {3, 6, 12, 24, 60, one season} by one-step
 * error, so the baseline is as strong as its family allows.
 */
public final class MovingAverage implements ForecastModel {

  private final int window;

  /**
   * @param window the window in samples; 0 selects it on the training history
   */
  public MovingAverage(int window) {
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0, got " + window);
    }
    this.window = window;
  }

  @Override
  public String name() {
    return "moving-average";
  }

  @Override
  public boolean baseline() {
    return true;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    int w = window > 0 ? window : WindowSelection.select(history, season, false);
    if (history.length < w) {
      throw new IllegalArgumentException(
          "moving average of " + w + " needs as much history, got " + history.length);
    }
    double[] ring = Arrays.copyOfRange(history, history.length - w, history.length);
    return new Forecaster() {
      private int next;
      private double sum = Arrays.stream(ring).sum();

      @Override
      public void observe(double value) {
        sum += value - ring[next];
        ring[next] = value;
        next = (next + 1) % w;
      }

      @Override
      public void forecast(double[] out) {
        Arrays.fill(out, sum / w);
      }

      @Override
      public String name() {
        return "moving-average(" + w + ")";
      }
    };
  }
}

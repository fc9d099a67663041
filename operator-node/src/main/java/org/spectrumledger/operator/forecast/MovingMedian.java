package org.spectrumledger.operator.forecast;

import java.util.Arrays;

/**
 * The median of the last {@code w} values, flat over the horizon. A baseline; the window is picked
 * as for {@link MovingAverage}.
 */
public final class MovingMedian implements ForecastModel {

  private final int window;

  /**
   * @param window the window in samples; 0 selects it on the training history
   */
  public MovingMedian(int window) {
    if (window < 0) {
      throw new IllegalArgumentException("window must be >= 0, got " + window);
    }
    this.window = window;
  }

  @Override
  public String name() {
    return "moving-median";
  }

  @Override
  public boolean baseline() {
    return true;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    int w = window > 0 ? window : WindowSelection.select(history, season, true);
    if (history.length < w) {
      throw new IllegalArgumentException(
          "moving median of " + w + " needs as much history, got " + history.length);
    }
    double[] ring = Arrays.copyOfRange(history, history.length - w, history.length);
    double[] sorted = ring.clone();
    Arrays.sort(sorted);
    return new Forecaster() {
      private int next;

      @Override
      public void observe(double value) {
        // keep a sorted copy of the window: remove the outgoing value, insert the new one
        double out = ring[next];
        ring[next] = value;
        next = (next + 1) % w;
        int i = Arrays.binarySearch(sorted, out);
        System.arraycopy(sorted, i + 1, sorted, i, w - i - 1);
        int j = Arrays.binarySearch(sorted, 0, w - 1, value);
        if (j < 0) {
          j = -j - 1;
        }
        System.arraycopy(sorted, j, sorted, j + 1, w - 1 - j);
        sorted[j] = value;
      }

      @Override
      public void forecast(double[] out) {
        double m = w % 2 == 1 ? sorted[w / 2] : 0.5 * (sorted[w / 2 - 1] + sorted[w / 2]);
        Arrays.fill(out, m);
      }

      @Override
      public String name() {
        return "moving-median(" + w + ")";
      }
    };
  }
}

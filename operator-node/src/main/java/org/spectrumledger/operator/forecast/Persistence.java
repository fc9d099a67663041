package org.spectrumledger.operator.forecast;

/** The naive forecast: every future value equals the last one. A baseline. */
public final class Persistence implements ForecastModel {

  @Override
  public String name() {
    return "persistence";
  }

  @Override
  public boolean baseline() {
    return true;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    if (history.length == 0) {
      throw new IllegalArgumentException("persistence needs at least one observation");
    }
    return new Forecaster() {
      private double last = history[history.length - 1];

      @Override
      public void observe(double value) {
        last = value;
      }

      @Override
      public void forecast(double[] out) {
        java.util.Arrays.fill(out, last);
      }

      @Override
      public String name() {
        return "persistence";
      }
    };
  }
}

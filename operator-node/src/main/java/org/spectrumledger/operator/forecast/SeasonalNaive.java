package org.spectrumledger.operator.forecast;

/** The value one daily season earlier (24 samples hourly, 1440 per minute). A baseline. */
public final class SeasonalNaive implements ForecastModel {

  @Override
  public String name() {
    return "seasonal-naive";
  }

  @Override
  public boolean baseline() {
    return true;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    if (history.length < season) {
      throw new IllegalArgumentException(
          "seasonal naive needs one season (" + season + ") of history, got " + history.length);
    }
    LagFeatures.Prefix h = new LagFeatures.Prefix(history, horizon + 16);
    return new Forecaster() {
      @Override
      public void observe(double value) {
        h.add(value);
      }

      @Override
      public void forecast(double[] out) {
        for (int k = 1; k <= out.length; k++) {
          // the same phase in the most recent season that is already observed
          int back = season * ((k - 1) / season + 1) - k;
          out[k - 1] = h.get(Math.max(0, h.size() - 1 - back));
        }
      }

      @Override
      public String name() {
        return "seasonal-naive";
      }
    };
  }
}

package org.spectrumledger.operator.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;

class ForecastersTest {

  private static double[] periodic(int n, int season) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 20 + 5 * Math.sin(2 * Math.PI * i / season);
    }
    return y;
  }

  @Test
  void seasonalNaiveRepeatsTheLastSeasonOverLongHorizons() {
    double[] y = periodic(100, 24);
    Forecaster f = new SeasonalNaive().fit(y, 24, 30);
    double[] out = new double[30];
    f.forecast(out);
    for (int h = 1; h <= 30; h++) {
      assertThat(out[h - 1])
          .isCloseTo(20 + 5 * Math.sin(2 * Math.PI * (99 + h) / 24), within(1e-9));
    }
  }

  @Test
  void holtWintersTracksAPurelySeasonalSeries() {
    double[] y = periodic(24 * 10, 24);
    Forecaster f = new HoltWinters().fit(y, 24, 24);
    double[] out = new double[24];
    f.forecast(out);
    for (int h = 1; h <= 24; h++) {
      assertThat(out[h - 1])
          .isCloseTo(20 + 5 * Math.sin(2 * Math.PI * (239 + h) / 24), within(0.05));
    }
  }

  @Test
  void movingMedianKeepsItsWindowSortedOnline() {
    double[] y = {5, 1, 4, 2, 3, 9, 7, 8};
    Forecaster f = new MovingMedian(3).fit(new double[] {5, 1, 4}, 24, 1);
    for (int t = 3; t < y.length; t++) {
      f.observe(y[t]);
      double[] w = {y[t - 2], y[t - 1], y[t]};
      java.util.Arrays.sort(w);
      assertThat(f.forecastNext()).isEqualTo(w[1]);
    }
  }

  @Test
  void learnedModelsBeatTheBestBaselineOnTheSyntheticDailySeries() {
    TimeSeries s =
        new TimeSeriesReader()
            .read(Path.of("src", "test", "resources", "synthetic-cellular-hourly.csv"));
    List<ForecastModel> models =
        List.of(
            new Persistence(),
            new SeasonalNaive(),
            new MovingAverage(0),
            new MovingMedian(0),
            new LagRegression(),
            new HoltWinters());
    ForecastEvaluation.Report r =
        new ForecastEvaluation(ForecastEvaluation.Config.defaultsFor(3_600))
            .run(s.values(), 24, models, null);
    for (ForecastEvaluation.Protocol p : r.protocols()) {
      assertThat(p.bestModel().ratio()).as(p.protocol()).isLessThan(1);
      assertThat(p.bestBaseline().ratio()).isEqualTo(1.0);
    }
    // on strongly daily traffic seasonal naive beats persistence over a day-long horizon
    ForecastEvaluation.Protocol horizon = r.protocols().get(1);
    assertThat(horizon.bestBaseline().name()).isEqualTo("seasonal-naive");
    assertThat(r.protocols().get(0).bestBaseline().name()).isEqualTo("persistence");
  }

  @Test
  void evaluationRefusesTooShortASeries() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ForecastEvaluation(ForecastEvaluation.Config.defaultsFor(3_600))
                    .run(periodic(50, 24), 24, List.of(new Persistence()), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too little data");
  }

  @Test
  void ensembleLeansOnTheMemberThatHasBeenRight() {
    double[] y = new double[200];
    java.util.Arrays.fill(y, 10);
    ForecastModel constant =
        new ForecastModel() {
          public String name() {
            return "zero";
          }

          public boolean baseline() {
            return false;
          }

          public Forecaster fit(double[] h, int season, int horizon) {
            return new Forecaster() {
              public void observe(double v) {}

              public void forecast(double[] out) {
                java.util.Arrays.fill(out, 0);
              }

              public String name() {
                return "zero";
              }
            };
          }
        };
    Forecaster f = new Ensemble(List.of(new Persistence(), constant), 1, 2).fit(y, 24, 1);
    for (int i = 0; i < 50; i++) {
      f.observe(10);
    }
    assertThat(f.forecastNext()).isCloseTo(10, within(1e-6));
  }
}

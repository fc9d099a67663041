package org.spectrumledger.operator.forecast;

import java.util.ArrayList;
import java.util.List;

/** The project's forecasting models by name: the four baselines and the learned ones. */
public final class ForecastModels {

  private ForecastModels() {}

  /** The names {@link #byName} knows, baselines first. */
  public static final List<String> NAMES =
      List.of(
          "persistence",
          "seasonal-naive",
          "moving-average",
          "moving-median",
          "holt-winters",
          "lag-regression",
          "mlp",
          "ensemble");

  /** Every model, baselines first, with default parameters; {@code seed} drives the MLP. */
  public static List<ForecastModel> all(long seed) {
    List<ForecastModel> out = new ArrayList<>();
    for (String name : NAMES) {
      out.add(byName(name, seed));
    }
    return out;
  }

  /** One model by name, with default parameters. */
  public static ForecastModel byName(String name, long seed) {
    return switch (name) {
      case "persistence" -> new Persistence();
      case "seasonal-naive" -> new SeasonalNaive();
      case "moving-average" -> new MovingAverage(0);
      case "moving-median" -> new MovingMedian(0);
      case "holt-winters" -> new HoltWinters();
      case "lag-regression" -> new LagRegression();
      case "mlp" -> new MlpForecaster(seed);
      case "ensemble" -> ensemble(seed);
      default ->
          throw new IllegalArgumentException(
              "unknown forecaster '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** The default ensemble: Holt-Winters, lag regression and the MLP. */
  public static Ensemble ensemble(long seed) {
    return new Ensemble(
        List.of(new HoltWinters(), new LagRegression(), new MlpForecaster(seed)), 1, 2);
  }
}

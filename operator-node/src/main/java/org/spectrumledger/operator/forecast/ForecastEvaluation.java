package org.spectrumledger.operator.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The two protocols of ALGORITHMS.md §1 in one pass per model: every model is fitted on the first
 * {@code trainFraction} of the series, then walks forward over the rest, forecasting H steps from
 * each origin before it sees the next value.
 *
 * <ul>
 *   <li>one-step: the first forecast of every origin, scored by RMSE;
 *   <li>horizon: a rolling-origin backtest, the H-step window from every {@code stride}-th origin
 *       whose window fits in the series, scored by MASE.
 * </ul>
 *
 * MASE is scaled by the in-sample seasonal-naive MAE of the training span; a model's ratio is its
 * protocol metric over the best baseline's in the same protocol.
 */
public final class ForecastEvaluation {

  /**
   * @param trainFraction the share of the series that trains (ALGORITHMS.md: 0.66)
   * @param horizon H, the backtest window (24 hourly, 60 per minute)
   * @param stride origins between backtest windows (1: every origin)
   */
  public record Config(double trainFraction, int horizon, int stride) {
    public Config {
      if (!(trainFraction > 0 && trainFraction < 1)) {
        throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
      }
      if (horizon < 1 || stride < 1) {
        throw new IllegalArgumentException("horizon and stride must be >= 1");
      }
    }

    /** 66 % trains; H = 24 for hourly data, 60 per minute (one hour); every origin. */
    public static Config defaultsFor(long intervalSeconds) {
      int h = intervalSeconds >= 3_600 ? 24 : (int) Math.max(1, 3_600 / intervalSeconds);
      return new Config(0.66, h, 1);
    }
  }

  /** One model's scores in one protocol. */
  public record ModelScore(
      String name,
      String fitted,
      boolean baseline,
      double mae,
      double rmse,
      double smape,
      double mase,
      double ratio) {}

  /** One protocol's table. */
  public record Protocol(String protocol, int horizon, String metric, List<ModelScore> models) {
    public Protocol {
      models = List.copyOf(models);
    }

    /** The best non-baseline model (lowest ratio). */
    public ModelScore bestModel() {
      return models.stream()
          .filter(m -> !m.baseline())
          .min(java.util.Comparator.comparingDouble(ModelScore::ratio))
          .orElseThrow();
    }

    /** The best baseline (ratio 1). */
    public ModelScore bestBaseline() {
      return models.stream()
          .filter(ModelScore::baseline)
          .min(java.util.Comparator.comparingDouble(ModelScore::ratio))
          .orElseThrow();
    }
  }

  /**
   * The evaluation: both protocols and, for charts, each model's one-step forecasts over the
   * evaluation span ({@code actual} holds what happened).
   */
  public record Report(
      int trainSize,
      int evalSize,
      double maseScale,
      List<Protocol> protocols,
      double[] actual,
      Map<String, double[]> oneStep) {}

  private final Config config;

  public ForecastEvaluation(Config config) {
    this.config = config;
  }

  /** The fewest samples a series of this season needs for {@link #run}. */
  public int minimumSamples(int season) {
    int train = 2 * season + config.horizon() + 40;
    return (int) Math.ceil(train / config.trainFraction()) + config.horizon();
  }

  /**
   * Runs every model. {@code progress} receives the number of evaluation steps done, model by model
   * (models × evaluation samples in all).
   */
  public Report run(double[] y, int season, List<ForecastModel> models, LongConsumer progress) {
    if (y.length < minimumSamples(season)) {
      throw new IllegalArgumentException(
          "too little data: "
              + y.length
              + " samples; the evaluation needs at least "
              + minimumSamples(season)
              + " (two seasons of "
              + season
              + " samples and a horizon of "
              + config.horizon()
              + " in the first "
              + Math.round(config.trainFraction() * 100)
              + " %)");
    }
    int n = y.length;
    int s = (int) Math.round(config.trainFraction() * n);
    int h = config.horizon();
    double[] train = java.util.Arrays.copyOf(y, s);
    double scale = 0;
    for (int t = season; t < s; t++) {
      scale += Math.abs(y[t] - y[t - season]);
    }
    scale /= (s - season);
    if (scale == 0) {
      scale = 1e-12;
    }
    List<String> names = new ArrayList<>();
    List<String> fitted = new ArrayList<>();
    List<Boolean> baseline = new ArrayList<>();
    List<ErrorStats> one = new ArrayList<>();
    List<ErrorStats> hor = new ArrayList<>();
    Map<String, double[]> oneStep = new LinkedHashMap<>();
    double[] buf = new double[h];
    for (ForecastModel model : models) {
      Forecaster f = model.fit(train, season, h);
      ErrorStats e1 = new ErrorStats();
      ErrorStats eh = new ErrorStats();
      double[] path = new double[n - s];
      for (int t = s; t < n; t++) {
        f.forecast(buf);
        e1.add(y[t], buf[0]);
        path[t - s] = buf[0];
        if (t + h <= n && (t - s) % config.stride() == 0) {
          for (int k = 0; k < h; k++) {
            eh.add(y[t + k], buf[k]);
          }
        }
        f.observe(y[t]);
        if (progress != null && (t - s) % 1024 == 1023) {
          progress.accept(1024);
        }
      }
      if (progress != null) {
        progress.accept((n - s) % 1024);
      }
      names.add(model.name());
      fitted.add(f.name());
      baseline.add(model.baseline());
      one.add(e1);
      hor.add(eh);
      oneStep.put(model.name(), path);
    }
    List<Protocol> protocols =
        List.of(
            protocol("one-step", 1, "rmse", names, fitted, baseline, one, scale),
            protocol("horizon", h, "mase", names, fitted, baseline, hor, scale));
    return new Report(s, n - s, scale, protocols, java.util.Arrays.copyOfRange(y, s, n), oneStep);
  }

  private static Protocol protocol(
      String protocol,
      int h,
      String metric,
      List<String> names,
      List<String> fitted,
      List<Boolean> baseline,
      List<ErrorStats> stats,
      double scale) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < names.size(); i++) {
      if (baseline.get(i)) {
        best = Math.min(best, metric(metric, stats.get(i), scale));
      }
    }
    List<ModelScore> scores = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      ErrorStats e = stats.get(i);
      double m = metric(metric, e, scale);
      scores.add(
          new ModelScore(
              names.get(i),
              fitted.get(i),
              baseline.get(i),
              e.mae(),
              e.rmse(),
              e.smape(),
              e.mase(scale),
              Double.isInfinite(best) ? Double.NaN : m / best));
    }
    return new Protocol(protocol, h, metric, scores);
  }

  private static double metric(String metric, ErrorStats e, double scale) {
    return metric.equals("rmse") ? e.rmse() : e.mase(scale);
  }
}

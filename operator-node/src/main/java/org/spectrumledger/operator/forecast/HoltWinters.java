package org.spectrumledger.operator.forecast;

/**
 * Additive Holt-Winters with a daily season and a damped trend. The smoothing constants are picked
 * on the training history from a grid by one-step squared error (α over 0.05…1, β over {0, 0.01,
 * 0.05}, γ over {0, 0.05, 0.1, 0.2, 0.4}); the damping φ is a parameter (default 0.98).
 */
public final class HoltWinters implements ForecastModel {

  static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.85, 1.0};
  static final double[] BETAS = {0, 0.01, 0.05};
  static final double[] GAMMAS = {0, 0.05, 0.1, 0.2, 0.4};

  private final double phi;

  /**
   * @param phi the trend damping in (0, 1]
   */
  public HoltWinters(double phi) {
    if (!(phi > 0 && phi <= 1)) {
      throw new IllegalArgumentException("damping must be in (0, 1], got " + phi);
    }
    this.phi = phi;
  }

  public HoltWinters() {
    this(0.98);
  }

  @Override
  public String name() {
    return "holt-winters";
  }

  @Override
  public boolean baseline() {
    return false;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    if (history.length < 2 * season) {
      throw new IllegalArgumentException(
          "Holt-Winters needs two seasons (" + 2 * season + ") of history, got " + history.length);
    }
    State best = null;
    for (double a : ALPHAS) {
      for (double bt : BETAS) {
        for (double g : GAMMAS) {
          State s = new State(history, season, a, bt, g, phi);
          double sse = s.run(history);
          if (best == null || sse < best.sse) {
            best = s;
          }
        }
      }
    }
    State chosen = best;
    return new Forecaster() {
      @Override
      public void observe(double value) {
        chosen.update(value);
      }

      @Override
      public void forecast(double[] out) {
        chosen.forecast(out);
      }

      @Override
      public String name() {
        return String.format(
            "holt-winters(a=%.2f,b=%.2f,g=%.2f)", chosen.alpha, chosen.beta, chosen.gamma);
      }
    };
  }

  /** The smoothing state; {@link #run} replays the history from its initialisation. */
  static final class State {
    final int m;
    final double alpha;
    final double beta;
    final double gamma;
    final double phi;
    double level;
    double trend;
    final double[] seasonal;
    int phase; // the seasonal slot of the next observation
    double sse;

    State(double[] h, int m, double alpha, double beta, double gamma, double phi) {
      this.m = m;
      this.alpha = alpha;
      this.beta = beta;
      this.gamma = gamma;
      this.phi = phi;
      double first = 0;
      double second = 0;
      for (int i = 0; i < m; i++) {
        first += h[i];
        second += h[m + i];
      }
      first /= m;
      second /= m;
      level = first;
      trend = (second - first) / m;
      seasonal = new double[m];
      for (int i = 0; i < m; i++) {
        seasonal[i] = h[i] - first;
      }
      phase = m % m;
    }

    /** Replays the history after the first season and returns the one-step SSE. */
    double run(double[] h) {
      // the first season initialised the state; its last level is the first season's mean
      sse = 0;
      for (int t = m; t < h.length; t++) {
        double f = level + phi * trend + seasonal[phase];
        double e = h[t] - f;
        sse += e * e;
        update(h[t]);
      }
      return sse;
    }

    void update(double y) {
      double s = seasonal[phase];
      double prevLevel = level;
      level = alpha * (y - s) + (1 - alpha) * (prevLevel + phi * trend);
      trend = beta * (level - prevLevel) + (1 - beta) * phi * trend;
      seasonal[phase] = gamma * (y - level) + (1 - gamma) * s;
      phase = (phase + 1) % m;
    }

    void forecast(double[] out) {
      double damp = 0;
      double pk = 1;
      for (int k = 1; k <= out.length; k++) {
        pk *= phi;
        damp += pk;
        out[k - 1] = level + damp * trend + seasonal[(phase + k - 1) % m];
      }
    }
  }
}

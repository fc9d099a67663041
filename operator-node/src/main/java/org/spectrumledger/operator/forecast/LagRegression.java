package org.spectrumledger.operator.forecast;

/**
 * A learned linear model, one per horizon step (direct multi-step): the change from the last value
 * to the value h steps ahead, regressed on {@link LagFeatures}. It is fitted by ridge regression
 * with exponential forgetting and keeps learning online: each observation updates the models whose
 * targets it completes, so the weights follow the series' current regime.
 *
 * <p>The fit is robust: an example whose residual exceeds {@code huber} times the running mean
 * absolute residual is down-weighted (Huber weights), so the model estimates something close to the
 * conditional median, which is what MAE and MASE reward, and a regime jump does not drag the
 * weights.
 *
 * <p>Parameters (defaults): the forgetting memory (28 days of samples), the ridge penalty relative
 * to the features' scale (1e-3), the Huber threshold (0.5) and how often the weights are solved
 * again (every sample).
 */
public final class LagRegression implements ForecastModel {

  private final double memoryDays;
  private final double ridge;
  private final double huber;
  private final int refitEvery;

  /**
   * @param memoryDays the forgetting memory in days (λ = 1 − 1/(memoryDays × season))
   * @param ridge the ridge penalty relative to the mean feature energy
   * @param huber residuals beyond this many running mean absolute residuals are down-weighted (0:
   *     plain least squares)
   * @param refitEvery samples between solves of the normal equations
   */
  public LagRegression(double memoryDays, double ridge, double huber, int refitEvery) {
    if (!(memoryDays > 0) || !(ridge >= 0) || !(huber >= 0) || refitEvery < 1) {
      throw new IllegalArgumentException(
          "lag regression needs memoryDays > 0, ridge >= 0, huber >= 0, refitEvery >= 1");
    }
    this.memoryDays = memoryDays;
    this.ridge = ridge;
    this.huber = huber;
    this.refitEvery = refitEvery;
  }

  public LagRegression() {
    this(28, 1e-3, 0.5, 1);
  }

  @Override
  public String name() {
    return "lag-regression";
  }

  @Override
  public boolean baseline() {
    return false;
  }

  @Override
  public Forecaster fit(double[] history, int season, int horizon) {
    if (history.length < LagFeatures.minHistory(season) + horizon) {
      throw new IllegalArgumentException(
          "lag regression needs "
              + (LagFeatures.minHistory(season) + horizon)
              + " samples of history, got "
              + history.length);
    }
    double lambda = 1 - 1 / (memoryDays * season);
    return new Online(history, season, horizon, lambda, ridge, huber, refitEvery);
  }

  private static final class Online implements Forecaster {
    private final LagFeatures.Prefix y;
    private final int season;
    private final int horizon;
    private final double lambda;
    private final double ridge;
    private final int refitEvery;
    private final int d = LagFeatures.COUNT;
    private final double[][] a; // per horizon: d×d, Σ λ^k x xᵀ
    private final double[][] b; // per horizon: Σ λ^k x y
    private final double[][] w;
    private final double[] scale; // per horizon: running mean absolute residual
    private final double huber;
    private final double[] x = new double[LagFeatures.COUNT];
    private final double[] work = new double[LagFeatures.COUNT * LagFeatures.COUNT];
    private int sinceSolve;

    Online(
        double[] history,
        int season,
        int horizon,
        double lambda,
        double ridge,
        double huber,
        int refitEvery) {
      this.y = new LagFeatures.Prefix(history, 1024);
      this.season = season;
      this.horizon = horizon;
      this.lambda = lambda;
      this.ridge = ridge;
      this.refitEvery = refitEvery;
      a = new double[horizon][d * d];
      b = new double[horizon][d];
      w = new double[horizon][d];
      scale = new double[horizon];
      this.huber = huber;
      int first = LagFeatures.minHistory(season);
      for (int t = first; t < history.length; t++) {
        learn(t);
      }
      solve();
    }

    /** Adds the examples completed by the observation at index {@code t}. */
    private void learn(int t) {
      int first = LagFeatures.minHistory(season);
      for (int h = 1; h <= horizon; h++) {
        int origin = t - h;
        if (origin < first) {
          break;
        }
        LagFeatures.at(y, origin, h, season, x);
        double target = y.get(t) - y.get(origin);
        double[] ah = a[h - 1];
        double[] bh = b[h - 1];
        // Huber weighting: a residual beyond the running mean absolute residual counts as an
        // absolute error, so the fit follows the median (what MAE and MASE reward) and a regime
        // jump does not drag the weights
        double r = target;
        double[] wh = w[h - 1];
        for (int i = 0; i < d; i++) {
          r -= wh[i] * x[i];
        }
        double ar = Math.abs(r);
        double s = scale[h - 1];
        double omega = huber > 0 && s > 0 && ar > huber * s ? huber * s / ar : 1;
        scale[h - 1] = s == 0 ? ar : lambda * s + (1 - lambda) * ar;
        for (int i = 0; i < d; i++) {
          bh[i] = lambda * bh[i] + omega * x[i] * target;
          int row = i * d;
          for (int j = 0; j < d; j++) {
            ah[row + j] = lambda * ah[row + j] + omega * x[i] * x[j];
          }
        }
      }
    }

    private void solve() {
      for (int h = 0; h < horizon; h++) {
        double[] ah = a[h];
        double trace = 0;
        for (int i = 0; i < d; i++) {
          trace += ah[i * d + i];
        }
        double pen = ridge * trace / d + 1e-12;
        System.arraycopy(ah, 0, work, 0, d * d);
        for (int i = 1; i < d; i++) { // the intercept is not penalised
          work[i * d + i] += pen;
        }
        work[0] += 1e-12;
        System.arraycopy(b[h], 0, w[h], 0, d);
        Linear.solveSymmetric(work, w[h], d);
      }
      sinceSolve = 0;
    }

    @Override
    public void observe(double value) {
      y.add(value);
      learn(y.size() - 1);
      if (++sinceSolve >= refitEvery) {
        solve();
      }
    }

    @Override
    public void forecast(double[] out) {
      int t = y.size() - 1;
      double last = y.get(t);
      for (int h = 1; h <= out.length; h++) {
        int k = Math.min(h, horizon);
        LagFeatures.at(y, t, h, season, x);
        double[] wk = w[k - 1];
        double s = 0;
        for (int i = 0; i < d; i++) {
          s += wk[i] * x[i];
        }
        out[h - 1] = last + s;
      }
    }

    @Override
    public String name() {
      return "lag-regression";
    }
  }
}

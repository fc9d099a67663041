package org.spectrumledger.operator.forecast;

/**
 * The features the learned models see at a forecast origin, all relative to the last value so a
 * model fitted at one demand level carries over to another: recent changes, the gap between rolling
 * means and the last value, and the seasonal (one day) and weekly lags of the target.
 */
final class LagFeatures {

  /** Features for one horizon: the constant, 6 recent-shape features, daily and weekly lags. */
  static final int COUNT = 9;

  private LagFeatures() {}

  /** The shortest history the features need. */
  static int minHistory(int season) {
    return season + 2;
  }

  /**
   * Writes the features at origin {@code t} (the index of the last observed value) for horizon
   * {@code h} into {@code f}.
   */
  static void at(Prefix y, int t, int h, int season, double[] f) {
    double last = y.get(t);
    f[0] = 1;
    f[1] = last - y.get(Math.max(0, t - 1));
    f[2] = last - y.get(Math.max(0, t - 2));
    f[3] = y.mean(t, 3) - last;
    f[4] = y.mean(t, 8) - last;
    f[5] = y.mean(t, Math.min(season, 32)) - last;
    f[6] = y.mean(t, season) - last;
    int daily = t + h - season * ((h - 1) / season + 1);
    f[7] = daily >= 0 ? y.get(daily) - last : 0;
    int weekly = t + h - 7 * season * ((h - 1) / (7 * season) + 1);
    f[8] = weekly >= 0 ? y.get(weekly) - last : 0;
  }

  /** Observations with running sums, for O(1) rolling means. */
  static final class Prefix {
    private double[] v;
    private double[] sum; // sum[i] = v[0] + … + v[i - 1]
    private int n;

    Prefix(double[] initial, int extra) {
      v = java.util.Arrays.copyOf(initial, initial.length + Math.max(16, extra));
      sum = new double[v.length + 1];
      for (int i = 0; i < initial.length; i++) {
        sum[i + 1] = sum[i] + initial[i];
      }
      n = initial.length;
    }

    void add(double x) {
      if (n == v.length) {
        v = java.util.Arrays.copyOf(v, v.length * 2);
        sum = java.util.Arrays.copyOf(sum, v.length + 1);
      }
      v[n] = x;
      sum[n + 1] = sum[n] + x;
      n++;
    }

    int size() {
      return n;
    }

    double get(int i) {
      return v[i];
    }

    /** Mean of the {@code w} values ending at index {@code t} (fewer at the start). */
    double mean(int t, int w) {
      int from = Math.max(0, t - w + 1);
      return (sum[t + 1] - sum[from]) / (t + 1 - from);
    }
  }
}

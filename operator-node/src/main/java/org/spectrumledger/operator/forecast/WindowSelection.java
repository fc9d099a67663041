package org.spectrumledger.operator.forecast;

import java.util.Arrays;

/** Picks a rolling window from a grid by one-step squared error on the training history. */
final class WindowSelection {

  private WindowSelection() {}

  /** The candidate windows: short ones, one hour, and a whole season, none above the season. */
  static int[] grid(int season, int historyLength) {
    int[] candidates = {3, 6, 12, 24, 60, season};
    return Arrays.stream(candidates)
        .filter(w -> w <= season && w < historyLength / 2)
        .distinct()
        .sorted()
        .toArray();
  }

  /** The window from {@link #grid} whose rolling statistic best predicts the next value. */
  static int select(double[] history, int season, boolean median) {
    int[] grid = grid(season, history.length);
    if (grid.length == 0) {
      return Math.max(1, Math.min(season, history.length - 1));
    }
    int start = grid[grid.length - 1];
    int best = grid[0];
    double bestErr = Double.POSITIVE_INFINITY;
    for (int w : grid) {
      double sse = 0;
      for (int t = start; t < history.length; t++) {
        double f = median ? medianOf(history, t - w, t) : meanOf(history, t - w, t);
        double e = history[t] - f;
        sse += e * e;
      }
      if (sse < bestErr) {
        bestErr = sse;
        best = w;
      }
    }
    return best;
  }

  static double meanOf(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / (to - from);
  }

  static double medianOf(double[] v, int from, int to) {
    double[] c = Arrays.copyOfRange(v, from, to);
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
  }
}

package org.spectrumledger.operator.agent;

import java.util.Arrays;

/**
 * Scales an action set to the demand it must follow: the smallest whole k ≥ 1 for which k times the
 * largest action covers the 90th percentile of the absolute demand moves of the training span, and
 * every move on the actions' grid up to that. k = 1 (the actions unchanged) whenever the largest
 * action already covers nine moves in ten, as on the NIST series.
 */
public final class ActionScaling {

  /** The share of moves the largest action must cover. */
  public static final double COVERED = 0.9;

  private ActionScaling() {}

  /** The {@link #COVERED} quantile of |demand[t + 1] − demand[t]| over steps from … to − 1. */
  public static double typicalMove(double[] demand, int from, int to) {
    int n = to - from - 1;
    if (n < 1) {
      throw new IllegalArgumentException("need at least 2 demands to measure a move");
    }
    double[] moves = new double[n];
    for (int i = 0; i < n; i++) {
      moves[i] = Math.abs(demand[from + i + 1] - demand[from + i]);
    }
    Arrays.sort(moves);
    return moves[(int) Math.min(n - 1, Math.ceil(COVERED * n) - 1)];
  }

  /** k: the smallest whole multiple ≥ 1 of the largest action that covers {@code move}. */
  public static int factor(MarketConfig market, double move) {
    double largest = market.largestAction();
    if (!(largest > 0)) {
      return 1;
    }
    return (int) Math.max(1, Math.ceil(move / largest - 1e-9));
  }

  /**
   * The market with its action set extended to the moves of {@code demand} over from … to − 1:
   * every multiple of the actions' grid unit up to k times the largest action, each way (the
   * paper's ±1.5, ±3 become ±1.5, ±3, ±4.5, ±6 for k = 2); unchanged for k = 1.
   */
  public static MarketConfig scaled(MarketConfig market, double[] demand, int from, int to) {
    int k = factor(market, typicalMove(demand, from, to));
    if (k == 1) {
      return market;
    }
    double unit = OraclePlanner.gridUnit(market.actions());
    int m = (int) Math.round(k * market.largestAction() / unit);
    double[] a = new double[2 * m + 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i - m) * unit;
    }
    return market.withActions(a);
  }

  /** The market an agent with {@code config} trades in when trained on from … to − 1. */
  public static MarketConfig forAgent(
      AgentConfig config, MarketConfig market, double[] demand, int from, int to) {
    return config.actionScale() == AgentConfig.ActionScale.SCALED
        ? scaled(market, demand, from, to)
        : market;
  }
}

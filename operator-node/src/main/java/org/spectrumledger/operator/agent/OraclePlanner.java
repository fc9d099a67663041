package org.spectrumledger.operator.agent;

/**
 * The oracle: knows the future demand and plans the whole action sequence that maximises profit
 * under the same actions and limits, by dynamic programming over the holdings reachable on the
 * action grid. It is the upper bound any policy could reach.
 */
public final class OraclePlanner {

  private final SpectrumMarket market;

  public OraclePlanner(SpectrumMarket market) {
    this.market = market;
  }

  /**
   * The profit-maximising actions for steps {@code from … to − 2} (each serves the next step's
   * demand), starting from {@code startHolding}.
   */
  public int[] plan(DemandTrace trace, int from, int to, double startHolding) {
    MarketConfig c = market.config();
    double unit = gridUnit(c.actions());
    int kMin = (int) Math.ceil((c.minHolding() - startHolding) / unit - 1e-9);
    int kMax = (int) Math.floor((c.maxHolding() - startHolding) / unit + 1e-9);
    int states = kMax - kMin + 1;
    int steps = to - from - 1;
    int actions = c.actionCount();
    double[] value = new double[states];
    double[] next = new double[states];
    byte[] choice = new byte[steps * states];
    for (int s = steps - 1; s >= 0; s--) {
      int t = from + s;
      for (int k = 0; k < states; k++) {
        double holding = startHolding + (k + kMin) * unit;
        double best = Double.NEGATIVE_INFINITY;
        int bestA = c.holdAction();
        for (int a = 0; a < actions; a++) {
          StepOutcome o = market.step(holding, a, trace.priceTraffic()[t], trace.demand()[t + 1]);
          int kk = (int) Math.round((o.holding() - startHolding) / unit) - kMin;
          if (kk < 0 || kk >= states) {
            continue;
          }
          double v = o.profit() + value[kk];
          if (v > best + 1e-12) {
            best = v;
            bestA = a;
          }
        }
        next[k] = best;
        choice[s * states + k] = (byte) bestA;
      }
      double[] tmp = value;
      value = next;
      next = tmp;
    }
    int[] plan = new int[steps];
    double holding = startHolding;
    for (int s = 0; s < steps; s++) {
      int k = (int) Math.round((holding - startHolding) / unit) - kMin;
      plan[s] = choice[s * states + k];
      holding = market.step(holding, plan[s], 0, 0).holding();
    }
    return plan;
  }

  /**
   * The market with every holding change on its grid allowed ({@link #gridUnit} steps from −(max −
   * min) to max − min): the oracle of any action set on that grid.
   */
  public static MarketConfig anyHolding(MarketConfig market) {
    double unit = gridUnit(market.actions());
    int k = (int) Math.floor((market.maxHolding() - market.minHolding()) / unit + 1e-9);
    if (2 * k + 1 > Byte.MAX_VALUE) {
      throw new IllegalArgumentException(
          "too many holdings on the grid for the oracle: " + (2 * k + 1));
    }
    double[] a = new double[2 * k + 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i - k) * unit;
    }
    return market.withActions(a);
  }

  /** The largest step that every action is a whole multiple of. */
  static double gridUnit(double[] actions) {
    double unit = 0;
    for (double a : actions) {
      double x = Math.abs(a);
      if (x > 1e-12) {
        unit = unit == 0 ? x : gcd(unit, x);
      }
    }
    return unit == 0 ? 1 : unit;
  }

  private static double gcd(double a, double b) {
    while (b > 1e-9) {
      double r = a % b;
      a = b;
      b = r < 1e-9 ? 0 : r;
    }
    return a;
  }
}

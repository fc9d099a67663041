package org.spectrumledger.operator.agent;

import java.util.Arrays;

/**
 * The market the operator trades in and how its steps are scored (ALGORITHMS.md §3).
 *
 * <p>Reward: {@code R = −(α·D + β·S + γ·P + T_c)} with D the deficit and S the surplus in SRU, P
 * the money paid in the step (negative when selling) and T_c the transaction cost. Profit (what the
 * operator earns): {@code revenuePerSru × served − P − T_c}, where served = min(demand, holding):
 * unserved demand earns nothing.
 *
 * @param licence the SRU the operator holds without trading (24 in the paper)
 * @param actions the holding changes the agent may order, in SRU (paper: −3, −1.5, 0, 1.5, 3)
 * @param minHolding the least the operator may hold
 * @param maxHolding the most the operator may hold
 * @param alpha the deficit weight α (8)
 * @param beta the surplus weight β (2)
 * @param gamma the money weight γ (0.5)
 * @param priceCoefficient c in P = c × T (0.1)
 * @param revenuePerSru what one SRU of served demand earns per step (default 3.0: above the typical
 *     price c × T ≈ 2.2, so serving demand with bought SRU pays, as the paper says)
 * @param transactionCostPerSru the transaction cost per SRU traded (default 0.05)
 * @param settlement how trades are paid for (default LEASE)
 */
public record MarketConfig(
    double licence,
    double[] actions,
    double minHolding,
    double maxHolding,
    double alpha,
    double beta,
    double gamma,
    double priceCoefficient,
    double revenuePerSru,
    double transactionCostPerSru,
    Settlement settlement) {

  public MarketConfig {
    if (actions == null || actions.length == 0) {
      throw new IllegalArgumentException("at least one action is needed");
    }
    actions = actions.clone();
    if (!(minHolding >= 0 && minHolding <= licence && licence <= maxHolding)) {
      throw new IllegalArgumentException(
          "need 0 <= minHolding <= licence <= maxHolding, got "
              + minHolding
              + ", "
              + licence
              + ", "
              + maxHolding);
    }
    if (priceCoefficient < 0 || revenuePerSru < 0 || transactionCostPerSru < 0) {
      throw new IllegalArgumentException("prices and costs must be >= 0");
    }
    if (settlement == null) {
      throw new IllegalArgumentException("settlement is required");
    }
  }

  /** The paper's market: licence 24, actions ±3/±1.5/0, α 8, β 2, γ 0.5, c 0.1. */
  public static MarketConfig paper() {
    return new MarketConfig(
        24, new double[] {-3, -1.5, 0, 1.5, 3}, 0, 48, 8, 2, 0.5, 0.1, 3.0, 0.05, Settlement.LEASE);
  }

  public MarketConfig withSettlement(Settlement s) {
    return new MarketConfig(
        licence,
        actions,
        minHolding,
        maxHolding,
        alpha,
        beta,
        gamma,
        priceCoefficient,
        revenuePerSru,
        transactionCostPerSru,
        s);
  }

  public MarketConfig withActions(double[] a) {
    return new MarketConfig(
        licence,
        a,
        minHolding,
        maxHolding,
        alpha,
        beta,
        gamma,
        priceCoefficient,
        revenuePerSru,
        transactionCostPerSru,
        settlement);
  }

  /** The largest holding change of the action set, SRU. */
  public double largestAction() {
    double largest = 0;
    for (double a : actions) {
      largest = Math.max(largest, Math.abs(a));
    }
    return largest;
  }

  public MarketConfig withRevenuePerSru(double r) {
    return new MarketConfig(
        licence,
        actions,
        minHolding,
        maxHolding,
        alpha,
        beta,
        gamma,
        priceCoefficient,
        r,
        transactionCostPerSru,
        settlement);
  }

  public MarketConfig withTransactionCost(double k) {
    return new MarketConfig(
        licence,
        actions,
        minHolding,
        maxHolding,
        alpha,
        beta,
        gamma,
        priceCoefficient,
        revenuePerSru,
        k,
        settlement);
  }

  @Override
  public double[] actions() {
    return actions.clone();
  }

  public int actionCount() {
    return actions.length;
  }

  public double action(int i) {
    return actions[i];
  }

  /** The index of the "do nothing" action (the one closest to 0). */
  public int holdAction() {
    int best = 0;
    for (int i = 1; i < actions.length; i++) {
      if (Math.abs(actions[i]) < Math.abs(actions[best])) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarketConfig m
        && licence == m.licence
        && Arrays.equals(actions, m.actions)
        && minHolding == m.minHolding
        && maxHolding == m.maxHolding
        && alpha == m.alpha
        && beta == m.beta
        && gamma == m.gamma
        && priceCoefficient == m.priceCoefficient
        && revenuePerSru == m.revenuePerSru
        && transactionCostPerSru == m.transactionCostPerSru
        && settlement == m.settlement;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(actions) * 31 + Double.hashCode(licence);
  }
}

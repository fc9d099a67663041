package org.spectrumledger.operator.agent;

/**
 * The market step, pure: from a holding and an action at step t, the holding for step t + 1, the
 * deficit and surplus against the demand of step t + 1, the money and the reward. Orders fill
 * instantly at {@code price = c × T_t}, with T the price-setting demand of the decision step.
 */
public final class SpectrumMarket {

  private final MarketConfig config;

  public SpectrumMarket(MarketConfig config) {
    this.config = config;
  }

  public MarketConfig config() {
    return config;
  }

  /** The price of one SRU when the price-setting demand is {@code traffic}. */
  public double price(double traffic) {
    return config.priceCoefficient() * traffic;
  }

  /**
   * @param holding the holding before the action
   * @param action the action's index
   * @param priceTraffic the demand that sets the price at decision time
   * @param nextDemand the demand the new holding serves
   */
  public StepOutcome step(double holding, int action, double priceTraffic, double nextDemand) {
    double target = holding + config.action(action);
    double next = Math.max(config.minHolding(), Math.min(config.maxHolding(), target));
    double traded = next - holding;
    double price = price(priceTraffic);
    double paid =
        switch (config.settlement()) {
          case LEASE -> (next - config.licence()) * price;
          case TRADE -> traded * price;
        };
    double cost = config.transactionCostPerSru() * Math.abs(traded);
    double deficit = Math.max(0, nextDemand - next);
    double surplus = Math.max(0, next - nextDemand);
    double served = Math.min(nextDemand, next);
    double revenue = config.revenuePerSru() * served;
    double reward =
        -(config.alpha() * deficit + config.beta() * surplus + config.gamma() * paid + cost);
    return new StepOutcome(next, traded, deficit, surplus, paid, cost, revenue, reward);
  }
}

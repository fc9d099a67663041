package org.spectrumledger.operator.daemon;

import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.agent.Policy;
import org.spectrumledger.operator.agent.RulePolicy;
import org.spectrumledger.operator.agent.StateTracker;
import org.spectrumledger.operator.agent.TrainedAgent;
import org.spectrumledger.operator.forecast.ForecastModels;

/**
 * What decides each interval: the state tracker (forecast, error, demand and move averages, as
 * training built them) and a policy over the market's actions (the agent's own, which it may have
 * extended to its training series' moves), the trained DDQN agent or the rule trader. Pure: it sees
 * numbers, not the ledger.
 */
public final class TradingBrain {

  private final String name;
  private final Policy policy;
  private final StateTracker tracker;
  private final MarketConfig market;
  private final double[] state = new double[StateTracker.STATE_SIZE];

  private TradingBrain(String name, Policy policy, StateTracker tracker, MarketConfig market) {
    this.name = name;
    this.policy = policy;
    this.tracker = tracker;
    this.market = market;
  }

  /** The trained agent, its state tracker fitted on {@code history} (at least 2 days). */
  public static TradingBrain agent(TrainedAgent agent, double[] history, int season) {
    return new TradingBrain(
        "ddqn", agent.policy(), agent.stateTracker(history, season), agent.market());
  }

  /** The rule trader over {@code market}, with the named forecaster fitted on {@code history}. */
  public static TradingBrain rule(
      MarketConfig market, String forecaster, double[] history, int season, long seed) {
    StateTracker t =
        StateTracker.fitted(ForecastModels.byName(forecaster, seed), history, season, 24);
    return new TradingBrain("rule", new RulePolicy(market, 0), t, market);
  }

  /** {@code ddqn} or {@code rule}. */
  public String name() {
    return name;
  }

  public MarketConfig market() {
    return market;
  }

  /** Takes in the demand just measured. */
  public void observe(double demand) {
    tracker.observe(demand);
  }

  /** The forecast for the next interval. */
  public double forecast() {
    return tracker.forecastNext();
  }

  /**
   * SRU to trade for the next interval given the SRU held now: positive buys, negative sells, 0
   * holds. Holdings stay within the market's bounds.
   */
  public double decide(double holdingSru) {
    tracker.state(holdingSru, state);
    double a = market.action(policy.decide(state));
    double next = holdingSru + a;
    if (next < market.minHolding() || next > market.maxHolding()) {
      return 0;
    }
    return a;
  }
}

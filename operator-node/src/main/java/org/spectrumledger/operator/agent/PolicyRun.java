package org.spectrumledger.operator.agent;

/**
 * One policy's run over a span of a trace, step by step, from the licence.
 *
 * @param policy the policy's name
 * @param holdings the holding serving each step from {@code from + 1} to {@code to − 1}
 * @param cumulativeProfit the running profit after each of those steps
 * @param profit total profit
 * @param reward total reward
 * @param deficit total deficit, SRU-steps
 * @param surplus total surplus, SRU-steps
 */
public record PolicyRun(
    String policy,
    double[] holdings,
    double[] cumulativeProfit,
    double profit,
    double reward,
    double deficit,
    double surplus) {

  /** Runs {@code policy} over steps {@code from … to − 1}. */
  public static PolicyRun of(
      Policy policy, DemandTrace trace, SpectrumMarket market, int from, int to) {
    return run(policy.name(), policy, null, trace, market, from, to);
  }

  /** Replays fixed actions (the oracle's plan) over steps {@code from … to − 1}. */
  public static PolicyRun replay(
      String name, int[] actions, DemandTrace trace, SpectrumMarket market, int from, int to) {
    return run(name, null, actions, trace, market, from, to);
  }

  private static PolicyRun run(
      String name,
      Policy policy,
      int[] plan,
      DemandTrace trace,
      SpectrumMarket market,
      int from,
      int to) {
    int steps = to - from - 1;
    double[] holdings = new double[steps];
    double[] cum = new double[steps];
    double[] state = new double[StateTracker.STATE_SIZE];
    double holding = market.config().licence();
    double profit = 0;
    double reward = 0;
    double deficit = 0;
    double surplus = 0;
    for (int s = 0; s < steps; s++) {
      int t = from + s;
      int a;
      if (plan != null) {
        a = plan[s];
      } else {
        trace.state(t, holding, state);
        a = policy.decide(state);
      }
      StepOutcome o = market.step(holding, a, trace.priceTraffic()[t], trace.demand()[t + 1]);
      holding = o.holding();
      holdings[s] = holding;
      profit += o.profit();
      cum[s] = profit;
      reward += o.reward();
      deficit += o.deficit();
      surplus += o.surplus();
    }
    return new PolicyRun(name, holdings, cum, profit, reward, deficit, surplus);
  }
}

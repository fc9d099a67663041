package org.spectrumledger.operator.agent;

/**
 * A rule-based trader on the same forecast: it aims its holding at the forecast plus a margin of
 * {@code marginErrors} times the recent mean absolute forecast error (from the state), and picks
 * the action that lands closest to that target (ties to the smaller trade).
 */
public final class RulePolicy implements Policy {

  private final double[] actions;
  private final double marginErrors;

  /**
   * @param marginErrors the safety margin in mean absolute errors (default 0: aim at the forecast)
   */
  public RulePolicy(MarketConfig config, double marginErrors) {
    this.actions = config.actions();
    this.marginErrors = marginErrors;
  }

  @Override
  public int decide(double[] state) {
    return aim(actions, state, marginErrors);
  }

  /**
   * The action of {@code actions} that lands closest to the forecast plus {@code marginErrors} mean
   * absolute errors (ties to the smaller trade).
   */
  static int aim(double[] actions, double[] state, double marginErrors) {
    double target = state[1] + marginErrors * state[2];
    double need = target - state[0];
    int best = 0;
    for (int i = 1; i < actions.length; i++) {
      double d = Math.abs(actions[i] - need);
      double bd = Math.abs(actions[best] - need);
      if (d < bd - 1e-12
          || (Math.abs(d - bd) <= 1e-12 && Math.abs(actions[i]) < Math.abs(actions[best]))) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String name() {
    return "rule";
  }
}

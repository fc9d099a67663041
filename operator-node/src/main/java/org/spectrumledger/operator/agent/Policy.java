package org.spectrumledger.operator.agent;

/**
 * Decides an action from the agent's state {@code [holding, forecast of the next demand, mean
 * absolute forecast error of the last n, mean demand of the last n]}.
 */
public interface Policy {

  /** The index of the action to take (into {@link MarketConfig#actions()}). */
  int decide(double[] state);

  /** A name for tables. */
  String name();
}

package org.spectrumledger.operator.agent;

import org.spectrumledger.operator.forecast.ForecastModels;
import org.spectrumledger.operator.nn.Mlp;

/**
 * A trained DDQN agent: its configuration, the market it was trained for, the forecaster behind its
 * state and the online network's weights. {@link #policy()} gives the greedy decision maker the
 * daemon uses; {@link #stateTracker} builds the state it decides on, as in training.
 */
public final class TrainedAgent {

  private final AgentConfig config;
  private final MarketConfig market;
  private final String forecaster;
  private final Mlp network;

  TrainedAgent(AgentConfig config, MarketConfig market, String forecaster, Mlp network) {
    this.config = config;
    this.market = market;
    this.forecaster = forecaster;
    this.network = network;
  }

  /**
   * Rebuilds an agent from saved weights.
   *
   * @param forecaster the {@link ForecastModels} name of the model behind the state, or null if
   *     unknown
   */
  public static TrainedAgent of(
      AgentConfig config, MarketConfig market, String forecaster, double[] parameters) {
    Mlp net = DdqnTrainer.network(config, market);
    net.setParameters(parameters);
    return new TrainedAgent(config, market, forecaster, net);
  }

  /** The same agent, recorded as trained on states from the named forecaster. */
  public TrainedAgent withForecaster(String name) {
    return new TrainedAgent(config, market, name, network);
  }

  /** The {@link ForecastModels} name of the forecaster behind the training states, or null. */
  public String forecaster() {
    return forecaster;
  }

  /**
   * A state tracker as training built it: persistence over {@code history}, then this agent's
   * forecaster fitted on it (seeded with the agent's seed), with the agent's window n.
   *
   * @param history recent demand, oldest first (training used the 2 days before its first step)
   * @param season the daily season of the series (24 hourly, 1440 per minute)
   * @throws IllegalStateException if the agent does not record its forecaster
   */
  public StateTracker stateTracker(double[] history, int season) {
    if (forecaster == null) {
      throw new IllegalStateException(
          "this agent does not record the forecaster it was trained on");
    }
    return StateTracker.fitted(
        ForecastModels.byName(forecaster, config.seed()), history, season, config.window());
  }

  /** The holding change, in SRU, of action {@code index} (what {@link QPolicy#decide} returns). */
  public double actionSru(int index) {
    return market.action(index);
  }

  public AgentConfig config() {
    return config;
  }

  public MarketConfig market() {
    return market;
  }

  /** The online network's weights, layer by layer. */
  public double[] parameters() {
    return network.parameters();
  }

  /** A new greedy policy over a copy of the weights (one per thread). */
  public QPolicy policy() {
    Mlp copy = DdqnTrainer.network(config, market);
    copy.copyFrom(network);
    return new QPolicy(copy, config, market);
  }
}

package org.spectrumledger.operator.agent;

import org.spectrumledger.operator.nn.Mlp;

/**
 * A trained DDQN agent: its configuration, the market it was trained for and the online network's
 * weights. {@link #policy()} gives the greedy decision maker the daemon uses.
 */
public final class TrainedAgent {

  private final AgentConfig config;
  private final MarketConfig market;
  private final Mlp network;

  TrainedAgent(AgentConfig config, MarketConfig market, Mlp network) {
    this.config = config;
    this.market = market;
    this.network = network;
  }

  /** Rebuilds an agent from saved weights. */
  public static TrainedAgent of(AgentConfig config, MarketConfig market, double[] parameters) {
    Mlp net = DdqnTrainer.network(config, market);
    net.setParameters(parameters);
    return new TrainedAgent(config, market, net);
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
    return new QPolicy(copy, market.licence(), config.stateScale());
  }
}

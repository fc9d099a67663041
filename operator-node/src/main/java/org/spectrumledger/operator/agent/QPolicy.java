package org.spectrumledger.operator.agent;

import org.spectrumledger.operator.nn.Mlp;

/**
 * The greedy policy of a trained Q-network: the output with the highest Q-value, a market action or
 * ({@link AgentConfig.Decision#MARGIN}) a margin over the forecast that the closest market action
 * then aims at. This is the daemon's decision path, so it is allocation-free: a forward pass of
 * inputs → 128 → 128 → outputs on preallocated buffers.
 */
public final class QPolicy implements Policy {

  private final Mlp network;
  private final double licence;
  private final double stateScale;
  private final AgentConfig.Features features;
  private final double[] input;
  private final double[] q;
  private final double[] actions;
  private final double[] margins;

  QPolicy(Mlp network, AgentConfig config, MarketConfig market) {
    this(
        network,
        config.features(),
        market.licence(),
        config.stateScale(),
        market.actions(),
        config.decision() == AgentConfig.Decision.MARGIN ? AgentConfig.margins() : null);
  }

  /**
   * @param margins null if the network chooses the market's actions, else the margins its outputs
   *     stand for ({@link AgentConfig.Decision#MARGIN})
   */
  private QPolicy(
      Mlp network,
      AgentConfig.Features features,
      double licence,
      double stateScale,
      double[] actions,
      double[] margins) {
    if (network.inputs() != features.inputs()) {
      throw new IllegalArgumentException(
          "the network has " + network.inputs() + " inputs, the state " + features.inputs());
    }
    this.network = network;
    this.features = features;
    this.licence = licence;
    this.stateScale = stateScale;
    this.input = new double[network.inputs()];
    this.q = new double[network.outputs()];
    this.actions = actions;
    this.margins = margins;
    int expected = margins == null ? actions.length : margins.length;
    if (network.outputs() != expected) {
      throw new IllegalArgumentException(
          "the network has " + network.outputs() + " outputs, the decision " + expected);
    }
  }

  /**
   * Encodes a state (laid out as {@link StateTracker#state}) as the network sees it: SRU levels
   * relative to the licence (or, for the relative features, to the holding), errors and moves as
   * they are, all divided by {@code scale}.
   */
  static void encode(
      double[] state,
      AgentConfig.Features features,
      double licence,
      double scale,
      double[] out,
      int off) {
    double h = state[0];
    switch (features) {
      case RELATIVE, RELATIVE_PRICE -> {
        out[off] = (state[1] - h) / scale;
        out[off + 1] = state[2] / scale;
        out[off + 2] = (state[3] - h) / scale;
        out[off + 3] = state[4] / scale;
        out[off + 4] = (h - licence) / scale;
        if (features == AgentConfig.Features.RELATIVE_PRICE) {
          out[off + 5] = (state[5] - licence) / scale;
        }
      }
      default -> {
        int inputs = features.inputs();
        for (int i = 0; i < inputs; i++) {
          double v = i == 2 || i == 4 ? state[i] : state[i] - licence;
          out[off + i] = v / scale;
        }
      }
    }
  }

  @Override
  public int decide(double[] state) {
    return act(state, choose(state));
  }

  /** The network's choice: the output with the highest Q-value. */
  int choose(double[] state) {
    encode(state, features, licence, stateScale, input, 0);
    network.predict(input, q);
    int best = 0;
    for (int a = 1; a < q.length; a++) {
      if (q[a] > q[best]) {
        best = a;
      }
    }
    return best;
  }

  /** The market action of the network's output {@code choice} in {@code state}. */
  int act(double[] state, int choice) {
    return margins == null ? choice : RulePolicy.aim(actions, state, margins[choice]);
  }

  @Override
  public String name() {
    return "ddqn";
  }
}

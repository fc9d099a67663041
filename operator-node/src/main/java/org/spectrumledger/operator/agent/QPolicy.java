package org.spectrumledger.operator.agent;

import org.spectrumledger.operator.nn.Mlp;

/**
 * The greedy policy of a trained Q-network: the action with the highest Q-value. This is the
 * daemon's decision path, so it is allocation-free: a forward pass of 4 → 128 → 128 → 5 on
 * preallocated buffers.
 */
public final class QPolicy implements Policy {

  private final Mlp network;
  private final double licence;
  private final double stateScale;
  private final double[] input = new double[4];
  private final double[] q;

  QPolicy(Mlp network, double licence, double stateScale) {
    this.network = network;
    this.licence = licence;
    this.stateScale = stateScale;
    this.q = new double[network.outputs()];
  }

  /** Encodes a state as the network sees it. */
  static void encode(double[] state, double licence, double scale, double[] out, int off) {
    out[off] = (state[0] - licence) / scale;
    out[off + 1] = (state[1] - licence) / scale;
    out[off + 2] = state[2] / scale;
    out[off + 3] = (state[3] - licence) / scale;
  }

  @Override
  public int decide(double[] state) {
    encode(state, licence, stateScale, input, 0);
    network.predict(input, q);
    int best = 0;
    for (int a = 1; a < q.length; a++) {
      if (q[a] > q[best]) {
        best = a;
      }
    }
    return best;
  }

  @Override
  public String name() {
    return "ddqn";
  }
}

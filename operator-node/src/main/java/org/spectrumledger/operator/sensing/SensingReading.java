package org.spectrumledger.operator.sensing;

/**
 * One node's observation of one band in a control interval (obs_{n,b} of Algorithm 1).
 *
 * @param node the sensing node, 0 ≤ node &lt; E
 * @param band the band's index in the controller's band list, 0 ≤ band &lt; |B|
 * @param idle whether the node found the band idle
 */
public record SensingReading(int node, int band, boolean idle) {
  public SensingReading {
    if (node < 0 || band < 0) {
      throw new IllegalArgumentException("node and band indexes must not be negative");
    }
  }
}

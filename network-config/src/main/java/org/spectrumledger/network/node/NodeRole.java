package org.spectrumledger.network.node;

import java.util.Locale;

/** What a Besu node does in the network. */
public enum NodeRole {
  /** Proposes and signs blocks; its address is in the genesis validator list. */
  VALIDATOR,
  /** Serves the public JSON-RPC to the ledger clients and wallets; never a validator. */
  RPC,
  /** An organisation's own full node (an operator's or the regulator's). */
  MEMBER,
  /**
   * An archive node on the Docker network only, from which Blockscout reads blocks and traces; not
   * published beyond the host's loopback.
   */
  EXPLORER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role with this label, or a clear error. */
  public static NodeRole ofLabel(String label) {
    for (NodeRole r : values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    throw new IllegalArgumentException("not a node role: '" + label + "'");
  }
}

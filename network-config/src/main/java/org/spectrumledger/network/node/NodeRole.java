package org.spectrumledger.network.node;

/** What a Besu node does in the network. */
public enum NodeRole {
  /** Proposes and signs blocks; its address is in the genesis validator list. */
  VALIDATOR,
  /** Serves JSON-RPC to the ledger clients and the explorer; never a validator. */
  RPC,
  /** An organisation's own full node (an operator's or the regulator's). */
  MEMBER;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package org.spectrumledger.ledger;

/**
 * Fill state of one (maker, nonce) on chain.
 *
 * @param state open, filled or cancelled
 * @param filled milli-SRU filled so far while open (partial fills)
 */
public record OrderStatus(State state, long filled) {
  /** The on-chain order state. */
  public enum State {
    OPEN,
    FILLED,
    CANCELLED
  }
}

package org.spectrumledger.ledger;

/**
 * Fill state of one (maker, nonce) on chain.
 *
 * @param state open, filled or cancelled, as settlement sees it now
 * @param filled milli-SRU filled so far while open (partial fills)
 * @param cancelsAt when an on-chain cancellation still waiting for the settlement window takes
 *     effect (unix seconds), or 0 when none waits
 */
public record OrderStatus(State state, long filled, long cancelsAt) {
  /** The on-chain order state. */
  public enum State {
    OPEN,
    FILLED,
    CANCELLED
  }

  /** Whether an on-chain cancellation waits for the settlement window. */
  public boolean cancelling() {
    return cancelsAt != 0;
  }
}

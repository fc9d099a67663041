package org.spectrumledger.broker.matching;

import org.spectrumledger.ledger.Side;

/**
 * One order's fill in a clearing.
 *
 * @param orderId the order's id in the input
 * @param side the order's side
 * @param quantity milli-SRU filled, positive
 */
public record MatchFill(long orderId, Side side, long quantity) {
  public MatchFill {
    if (side == null) {
      throw new IllegalArgumentException("fill of order " + orderId + " needs a side");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException(
          "fill of order " + orderId + " must be positive: " + quantity);
    }
  }
}

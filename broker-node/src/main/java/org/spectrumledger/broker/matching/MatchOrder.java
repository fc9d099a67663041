package org.spectrumledger.broker.matching;

import org.spectrumledger.ledger.Side;

/**
 * One order as the auction sees it.
 *
 * <p>For an order that was partially filled in an earlier epoch, {@code quantity} is what remains
 * of it: the exchange rejects a fill larger than the signed quantity minus what it already filled.
 * An all-or-none order is never partially filled, so its quantity is always the signed one.
 *
 * @param id the broker's id of the order, unique within a market
 * @param side bid (buy) or ask (sell)
 * @param limitPrice highest price a bid pays, lowest an ask takes, token base units per SRU
 * @param quantity milli-SRU still open, positive
 * @param sequence arrival number: among equal limits the lower sequence has priority
 * @param allOrNone true when the order must fill whole or not at all (the signed order's {@code
 *     partialFill} is false)
 */
public record MatchOrder(
    long id, Side side, long limitPrice, long quantity, long sequence, boolean allOrNone) {

  public MatchOrder {
    if (side == null) {
      throw new IllegalArgumentException("order " + id + " needs a side");
    }
    if (limitPrice <= 0) {
      throw new IllegalArgumentException(
          "order " + id + " limit price must be positive: " + limitPrice);
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException(
          "order " + id + " quantity must be positive milli-SRU: " + quantity);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException(
          "order " + id + " sequence must not be negative: " + sequence);
    }
  }

  /** Whether a fill at {@code price} respects this order's limit. */
  public boolean acceptsPrice(long price) {
    return side == Side.BID ? limitPrice >= price : limitPrice <= price;
  }

  /** This order with {@code quantity} milli-SRU open. */
  public MatchOrder withQuantity(long quantity) {
    return new MatchOrder(id, side, limitPrice, quantity, sequence, allOrNone);
  }
}

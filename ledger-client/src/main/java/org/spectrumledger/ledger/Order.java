package org.spectrumledger.ledger;

/**
 * An operator's order for one market, exactly as it is signed under EIP-712 and checked by the
 * exchange.
 *
 * @param maker the operator that signs it
 * @param side bid (buy) or ask (sell)
 * @param market band, cell and slot
 * @param quantity size in milli-SRU, positive
 * @param limitPrice highest price a bid pays, lowest an ask takes, in token base units per SRU
 * @param nonce the maker's order id; fill state and cancellation are kept per (maker, nonce)
 * @param validUntil last second (unix time) at which it may settle
 * @param partialFill whether it may fill in parts (false: all or nothing)
 */
public record Order(
    Address maker,
    Side side,
    MarketKey market,
    long quantity,
    long limitPrice,
    long nonce,
    long validUntil,
    boolean partialFill) {

  public Order {
    if (maker == null || side == null || market == null) {
      throw new IllegalArgumentException("order needs a maker, a side and a market");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("order quantity must be positive milli-SRU: " + quantity);
    }
    if (limitPrice <= 0) {
      throw new IllegalArgumentException("order limit price must be positive: " + limitPrice);
    }
    // nonce and validUntil are the contract's uint64: a value past 2^63 - 1 is kept as its
    // two's-complement bits (negative here); compare them with Long.compareUnsigned.
    if (validUntil == 0) {
      throw new IllegalArgumentException("order validUntil must be a unix time: " + validUntil);
    }
  }

  /** Whether the order is still valid at unix time {@code seconds} (validUntil is unsigned). */
  public boolean validAt(long seconds) {
    return Long.compareUnsigned(validUntil, seconds) >= 0;
  }

  /** validUntil, capped at {@code cap}: the earlier of the two, validUntil read unsigned. */
  public long validUntilCappedAt(long cap) {
    return Long.compareUnsigned(validUntil, cap) < 0 ? validUntil : cap;
  }

  /** Whether a fill at {@code price} respects this order's limit. */
  public boolean acceptsPrice(long price) {
    return side == Side.BID ? limitPrice >= price : limitPrice <= price;
  }
}

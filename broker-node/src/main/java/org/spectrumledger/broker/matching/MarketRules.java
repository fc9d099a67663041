package org.spectrumledger.broker.matching;

/**
 * The trading grid of one market: prices are whole multiples of the tick size, quantities whole
 * multiples of the lot size.
 *
 * <p>The grid is a broker rule, not a contract rule (the exchange accepts any positive price and
 * quantity): it keeps the book's price levels few and makes every fill a whole number of lots, so
 * the partial fill at the margin of an auction never leaves an order with a dust remainder.
 *
 * @param tickSize price step in token base units per SRU, positive
 * @param lotSize quantity step in milli-SRU, positive
 */
public record MarketRules(long tickSize, long lotSize) {

  /** Any positive price and quantity: tick 1, lot 1 milli-SRU. */
  public static final MarketRules UNIT = new MarketRules(1, 1);

  public MarketRules {
    if (tickSize <= 0) {
      throw new IllegalArgumentException("tick size must be positive: " + tickSize);
    }
    if (lotSize <= 0) {
      throw new IllegalArgumentException("lot size must be positive milli-SRU: " + lotSize);
    }
  }

  /**
   * The highest limit price the market takes: the largest multiple of the tick such that one tick
   * more still fits a {@code long} (the auction looks one tick past a bid's limit).
   */
  public long maxPrice() {
    return (Long.MAX_VALUE / tickSize - 1) * tickSize;
  }

  /** Whether {@code price} is a positive multiple of the tick no higher than {@link #maxPrice}. */
  public boolean isValidPrice(long price) {
    return price > 0 && price % tickSize == 0 && price <= maxPrice();
  }

  /** Whether {@code quantity} is a positive multiple of the lot. */
  public boolean isValidQuantity(long quantity) {
    return quantity > 0 && quantity % lotSize == 0;
  }
}

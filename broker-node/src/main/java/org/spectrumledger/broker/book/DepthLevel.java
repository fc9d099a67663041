package org.spectrumledger.broker.book;

/**
 * One price level of a book side.
 *
 * @param price the level's limit price, token base units per SRU
 * @param quantity open milli-SRU at the level, positive
 * @param orders number of orders at the level, positive
 */
public record DepthLevel(long price, long quantity, int orders) {
  public DepthLevel {
    if (price <= 0 || quantity <= 0 || orders <= 0) {
      throw new IllegalArgumentException(
          "a depth level needs a positive price, quantity and order count: "
              + price
              + ", "
              + quantity
              + ", "
              + orders);
    }
  }
}

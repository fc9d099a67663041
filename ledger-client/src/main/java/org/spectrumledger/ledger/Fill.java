package org.spectrumledger.ledger;

/**
 * One signed order's fill in a clearing.
 *
 * @param order the signed order
 * @param quantity milli-SRU filled, positive and at most the order's quantity
 */
public record Fill(SignedOrder order, long quantity) {
  public Fill {
    if (order == null) {
      throw new IllegalArgumentException("a fill needs an order");
    }
    if (quantity <= 0 || quantity > order.order().quantity()) {
      throw new IllegalArgumentException(
          "fill quantity must be in 1.." + order.order().quantity() + ": " + quantity);
    }
  }
}

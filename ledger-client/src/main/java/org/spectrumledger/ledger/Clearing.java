package org.spectrumledger.ledger;

import java.util.List;

/**
 * The clearing of one market in a batch: one uniform price and the fills at it.
 *
 * @param market the market every fill's order is for
 * @param price the clearing price, token base units per SRU
 * @param fills the fills
 */
public record Clearing(MarketKey market, long price, List<Fill> fills) {
  public Clearing {
    if (market == null || fills == null || fills.isEmpty()) {
      throw new IllegalArgumentException("a clearing needs a market and at least one fill");
    }
    if (price <= 0) {
      throw new IllegalArgumentException("clearing price must be positive: " + price);
    }
    fills = List.copyOf(fills);
    for (Fill f : fills) {
      if (!f.order().order().market().equals(market)) {
        throw new IllegalArgumentException(
            "fill of an order for " + f.order().order().market() + " in the clearing of " + market);
      }
    }
  }
}

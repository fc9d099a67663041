package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.MarketKey;

/** A market's book, best levels first on each side, and its last clearing price (or null). */
public record DepthView(
    MarketKey market,
    Timescale timescale,
    List<DepthLevel> bids,
    List<DepthLevel> asks,
    @Nullable Long lastPrice) {

  public DepthView {
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
  }
}

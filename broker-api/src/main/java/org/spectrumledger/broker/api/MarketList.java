package org.spectrumledger.broker.api;

import java.util.List;

/** The markets the broker holds books for. */
public record MarketList(List<MarketSummary> markets) {
  public MarketList {
    markets = List.copyOf(markets);
  }
}

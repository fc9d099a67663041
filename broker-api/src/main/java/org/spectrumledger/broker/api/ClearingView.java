package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.MarketKey;

/** One market's clearing: its uniform price, volume (milli-SRU) and fills. */
public record ClearingView(
    long clearingId,
    MarketKey market,
    long price,
    long volume,
    ClearingStatus status,
    List<FillView> fills) {

  public ClearingView {
    fills = List.copyOf(fills);
  }
}

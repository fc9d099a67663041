package org.spectrumledger.broker.api;

import java.util.List;

/** Settled fills, newest first. */
public record TradeList(List<TradeView> trades) {
  public TradeList {
    trades = List.copyOf(trades);
  }
}

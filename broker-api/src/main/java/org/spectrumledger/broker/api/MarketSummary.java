package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.MarketKey;

/** A market with open orders or a recent clearing; absent prices are null. */
public record MarketSummary(
    MarketKey market,
    long band,
    String cell,
    long slotStart,
    long slotEnd,
    Timescale timescale,
    int openOrders,
    @Nullable Long bestBid,
    @Nullable Long bestAsk,
    @Nullable Long lastPrice) {}

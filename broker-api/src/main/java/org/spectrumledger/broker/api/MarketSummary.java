package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.MarketKey;

/**
 * A market with open orders or a recent clearing; absent prices are null. A sealed market ({@code
 * lit} false: every non-RT one, and a near-RT one the regulator's rules do not light) is listed
 * only once it has cleared, with its last price and nothing of its book: {@code openOrders}, {@code
 * bestBid} and {@code bestAsk} are null.
 */
public record MarketSummary(
    MarketKey market,
    long band,
    String cell,
    long slotStart,
    long slotEnd,
    Timescale timescale,
    boolean lit,
    @Nullable Integer openOrders,
    @Nullable Long bestBid,
    @Nullable Long bestAsk,
    @Nullable Long lastPrice) {}

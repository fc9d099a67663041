package org.spectrumledger.broker.api;

/** Open quantity (milli-SRU) of {@code orders} orders at one price. */
public record DepthLevel(long price, long quantity, int orders) {}

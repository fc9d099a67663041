package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;

/** A settled fill ({@code GET /v1/trades}); {@code settledAt} in unix milliseconds. */
public record TradeView(
    long fillId,
    long clearingId,
    Bytes32 orderHash,
    Address maker,
    Side side,
    MarketKey market,
    long quantity,
    long price,
    long batchId,
    @Nullable Bytes32 txHash,
    long settledAt) {}

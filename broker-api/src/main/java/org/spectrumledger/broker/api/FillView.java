package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;

/**
 * One fill of one order in one market's clearing.
 *
 * @param batchId the settlement batch carrying it, or null while it waits for one
 * @param txHash the settling transaction, once settled
 * @param receipt the broker's signed receipt (near-RT fills), or null
 */
public record FillView(
    long fillId,
    long clearingId,
    Bytes32 orderHash,
    Address maker,
    Side side,
    MarketKey market,
    long quantity,
    long price,
    FillState state,
    @Nullable Long batchId,
    @Nullable Bytes32 txHash,
    @Nullable FillReceipt receipt) {}

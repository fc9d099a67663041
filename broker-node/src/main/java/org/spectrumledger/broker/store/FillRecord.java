package org.spectrumledger.broker.store;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Side;

/**
 * One order's fill in a clearing.
 *
 * @param id fill id
 * @param clearingId its clearing
 * @param orderHash the order
 * @param maker the order's maker
 * @param side the order's side
 * @param quantity milli-SRU filled
 * @param price the clearing price
 * @param receipt the broker's signed fill receipt (hex), or null
 */
public record FillRecord(
    long id,
    long clearingId,
    Bytes32 orderHash,
    Address maker,
    Side side,
    long quantity,
    long price,
    String receipt) {}

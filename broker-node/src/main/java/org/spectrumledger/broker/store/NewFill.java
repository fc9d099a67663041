package org.spectrumledger.broker.store;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Side;

/**
 * A fill of a clearing about to be recorded.
 *
 * @param orderHash the order filled
 * @param maker its maker
 * @param side its side
 * @param quantity milli-SRU filled
 * @param receipt the broker's signed fill receipt as stored (JSON), or null when none is given
 */
public record NewFill(Bytes32 orderHash, Address maker, Side side, long quantity, String receipt) {}

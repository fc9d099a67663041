package org.spectrumledger.broker.epoch;

import java.util.List;
import java.util.Optional;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;

/**
 * What the {@link EpochEngine} records: each clearing with its fills, and the orders' matched
 * quantities, in one transaction. The broker's store implements it durably; tests use an in-memory
 * one.
 */
public interface ClearingLog {

  /**
   * The highest clearing id ever recorded, or 0. The engine numbers clearings on from it, so an id
   * (and every receipt that names it) is never given twice in the life of a deployment, restarts
   * included.
   */
  long lastClearingId();

  /** The order as recorded now (its matched quantity included). */
  Optional<OrderRecord> order(Bytes32 orderHash);

  /**
   * Records clearing {@code clearingId} of {@code market} at {@code price} with its fills, and adds
   * each fill's quantity to its order's matched quantity, in one transaction.
   */
  ClearingRecord recordClearing(
      long clearingId, MarketKey market, long price, long epoch, List<NewFill> fills, long now);
}

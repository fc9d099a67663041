package org.spectrumledger.broker.store;

import java.util.List;
import org.spectrumledger.ledger.MarketKey;

/**
 * One market's clearing in one epoch, as persisted: the price, its fills and where it is on its way
 * to the chain.
 *
 * @param id clearing id
 * @param market the market
 * @param price uniform price
 * @param epoch the epoch that produced it
 * @param status pending (not in a batch), batched, settled or dropped
 * @param batchId the batch carrying it, or 0
 * @param fills the fills
 * @param createdAt epoch milliseconds
 */
public record ClearingRecord(
    long id,
    MarketKey market,
    long price,
    long epoch,
    ClearingState status,
    long batchId,
    List<FillRecord> fills,
    long createdAt) {

  public ClearingRecord {
    fills = List.copyOf(fills);
  }

  public long volume() {
    long v = 0;
    for (FillRecord f : fills) {
      if (f.side() == org.spectrumledger.ledger.Side.BID) {
        v += f.quantity();
      }
    }
    return v;
  }
}

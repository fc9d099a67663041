package org.spectrumledger.broker.store;

import java.util.List;
import org.spectrumledger.ledger.Bytes32;
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
 * @param cutoff the cut-off of the auction it is a part of, unix milliseconds (0: recorded before
 *     auctions had books)
 * @param bookRoot the root of that auction's book, or null for a clearing recorded before books
 */
public record ClearingRecord(
    long id,
    MarketKey market,
    long price,
    long epoch,
    ClearingState status,
    long batchId,
    List<FillRecord> fills,
    long createdAt,
    long cutoff,
    Bytes32 bookRoot) {

  public ClearingRecord {
    fills = List.copyOf(fills);
  }

  /** A clearing without a book (recorded before auctions had books). */
  public ClearingRecord(
      long id,
      MarketKey market,
      long price,
      long epoch,
      ClearingState status,
      long batchId,
      List<FillRecord> fills,
      long createdAt) {
    this(id, market, price, epoch, status, batchId, fills, createdAt, 0, null);
  }

  /** The same clearing with {@code fills}. */
  public ClearingRecord withFills(List<FillRecord> fills) {
    return new ClearingRecord(
        id, market, price, epoch, status, batchId, fills, createdAt, cutoff, bookRoot);
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

package org.spectrumledger.broker.epoch;

import java.util.List;
import java.util.Optional;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.AuctionBook;
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
   * A clearing about to be recorded: clearing {@code id} of {@code market} at {@code price}, a part
   * of the auction cut off at {@code cutoff} (unix milliseconds) whose book is {@code book} (the
   * parts of one auction share it).
   */
  record NewClearing(
      long id,
      MarketKey market,
      long price,
      long epoch,
      long cutoff,
      AuctionBook book,
      List<NewFill> fills,
      long createdAt) {}

  /**
   * Records the clearings (the parts of one auction) with their fills, and adds each fill's
   * quantity to its order's matched quantity, all in one transaction: all are recorded or none.
   */
  List<ClearingRecord> recordClearings(List<NewClearing> clearings);

  /** Records one clearing, as {@link #recordClearings} does. */
  default ClearingRecord recordClearing(
      long clearingId,
      MarketKey market,
      long price,
      long epoch,
      long cutoff,
      AuctionBook book,
      List<NewFill> fills,
      long now) {
    return recordClearings(
            List.of(new NewClearing(clearingId, market, price, epoch, cutoff, book, fills, now)))
        .getFirst();
  }

  /** An auction as recorded: its market, cut-off, price and book. */
  record Auction(MarketKey market, long cutoff, long price, AuctionBook book) {}

  /** The auction of {@code market} cut off at {@code cutoff}, if one was recorded. */
  Optional<Auction> book(MarketKey market, long cutoff);

  /** The cancel {@code orderHash}'s maker signed at the broker, if it did. */
  default Optional<org.spectrumledger.ledger.Signature> keptCancel(Bytes32 orderHash) {
    return Optional.empty();
  }

  /** The fill receipts the broker signed for {@code orderHash}'s near-RT fills, oldest first. */
  default List<org.spectrumledger.broker.api.FillReceipt> receiptsOf(Bytes32 orderHash) {
    return List.of();
  }
}

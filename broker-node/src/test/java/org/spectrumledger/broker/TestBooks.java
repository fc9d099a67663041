package org.spectrumledger.broker;

import java.util.List;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.ledger.AuctionBook;

/** Auction books for tests that record clearings by hand. */
public final class TestBooks {

  private TestBooks() {}

  /** A book of the filled orders alone, each filled whole. */
  public static AuctionBook of(List<NewFill> fills) {
    return AuctionBook.of(
        fills.stream()
            .map(f -> new AuctionBook.Leaf(f.orderHash(), f.quantity(), f.quantity()))
            .toList());
  }
}

package org.spectrumledger.broker;

import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Side;

/** Auction books for tests that record clearings by hand. */
public final class TestBooks {

  private TestBooks() {}

  /**
   * A book of the filled orders alone, each filled whole, bids then asks in the order given (the
   * tests that use it check what the store and the settler do with a book, not the rule).
   */
  public static AuctionBook of(List<NewFill> fills) {
    List<AuctionBook.Leaf> bids = new ArrayList<>();
    List<AuctionBook.Leaf> asks = new ArrayList<>();
    for (int i = 0; i < fills.size(); i++) {
      NewFill f = fills.get(i);
      (f.side() == Side.BID ? bids : asks)
          .add(new AuctionBook.Leaf(f.orderHash(), 1, i, f.quantity(), f.quantity()));
    }
    return AuctionBook.of(bids, asks, List.of(), 1);
  }
}

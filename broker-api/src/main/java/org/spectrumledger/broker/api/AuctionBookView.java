package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;

/**
 * The book of one cleared auction as the broker publishes it, for anyone to check against the
 * commitment on chain and the published clearing rule ({@link AuctionBook}): the filled bids and
 * asks in full, in rank order, and the rest of the book by leaf hashes alone (orders still open in
 * a sealed book).
 *
 * @param cutoff the auction's cut-off, unix milliseconds
 * @param price the price it cleared at
 * @param tick the market's price step
 * @param filledBids how many of {@code filled}, from the start, are bids
 */
public record AuctionBookView(
    MarketKey market,
    long cutoff,
    long price,
    long tick,
    int filledBids,
    List<Leaf> filled,
    List<Bytes32> rest) {

  /** One filled order's leaf. */
  public record Leaf(Bytes32 orderHash, long limit, long sequence, long open, long fill) {}

  public AuctionBookView {
    filled = List.copyOf(filled);
    rest = List.copyOf(rest);
  }

  public static AuctionBookView of(MarketKey market, long cutoff, long price, AuctionBook book) {
    AuctionBook published = book.published();
    return new AuctionBookView(
        market,
        cutoff,
        price,
        book.tick(),
        book.filledBids(),
        published.leaves().stream()
            .map(l -> new Leaf(l.orderHash(), l.limit(), l.sequence(), l.open(), l.fill()))
            .toList(),
        published.restHashes());
  }

  /** The book this view shows; its root is what the auction committed. */
  public AuctionBook book() {
    return AuctionBook.published(
        filled.stream()
            .map(
                l ->
                    new AuctionBook.Leaf(
                        l.orderHash(), l.limit(), l.sequence(), l.open(), l.fill()))
            .toList(),
        filledBids,
        rest,
        tick);
  }
}

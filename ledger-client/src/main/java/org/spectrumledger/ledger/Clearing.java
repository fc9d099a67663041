package org.spectrumledger.ledger;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clearing of one market in a batch: one uniform price and the fills at it, and the book of the
 * auction it comes from, which settling it commits on chain ({@link AuctionBook}).
 *
 * @param market the market every fill's order is for
 * @param price the clearing price, token base units per SRU
 * @param cutoff the auction's cut-off, unix milliseconds: the broker's intake receipts promise
 *     every order it accepted into the market by then a leaf in the book
 * @param bookRoot the root of the auction's book; the parts of one auction carry the same
 * @param fills the fills
 */
public record Clearing(
    MarketKey market, long price, long cutoff, Bytes32 bookRoot, List<Fill> fills) {

  private static final AtomicLong LAST_CUTOFF = new AtomicLong();

  public Clearing {
    if (market == null || fills == null || fills.isEmpty()) {
      throw new IllegalArgumentException("a clearing needs a market and at least one fill");
    }
    if (price <= 0) {
      throw new IllegalArgumentException("clearing price must be positive: " + price);
    }
    if (bookRoot == null || bookRoot.equals(Bytes32.wrap(new byte[32]))) {
      throw new IllegalArgumentException("a clearing needs the root of its auction's book");
    }
    fills = List.copyOf(fills);
    for (Fill f : fills) {
      if (!f.order().order().market().equals(market)) {
        throw new IllegalArgumentException(
            "fill of an order for " + f.order().order().market() + " in the clearing of " + market);
      }
    }
  }

  /**
   * A clearing that is an auction of its own, cut off now, whose book stands for its fills alone (a
   * root made of their signatures and quantities): for tools and tests that settle fills directly,
   * without a broker's book.
   */
  public Clearing(MarketKey market, long price, List<Fill> fills) {
    this(market, price, nextCutoff(), ownRoot(price, fills), fills);
  }

  private static long nextCutoff() {
    long now = System.currentTimeMillis();
    return LAST_CUTOFF.updateAndGet(last -> Math.max(now, last + 1));
  }

  private static Bytes32 ownRoot(long price, List<Fill> fills) {
    if (fills == null) {
      return null;
    }
    byte[] buf = new byte[8 + fills.size() * (65 + 8)];
    putLong(buf, 0, price);
    int at = 8;
    for (Fill f : fills) {
      byte[] sig = f.order().signature().toBytes();
      System.arraycopy(sig, 0, buf, at, Math.min(65, sig.length));
      putLong(buf, at + 65, f.quantity());
      at += 73;
    }
    return Bytes32.wrap(OrderHasher.keccak(buf));
  }

  private static void putLong(byte[] buf, int at, long v) {
    for (int i = 0; i < 8; i++) {
      buf[at + 7 - i] = (byte) (v >>> (8 * i));
    }
  }
}

package org.spectrumledger.broker.bench;

import org.spectrumledger.broker.matching.MarketRules;

/**
 * The shape of a random order book: how many orders, how their limits spread around a mid price,
 * how large they are and how many are all-or-none.
 *
 * <p>Limits are drawn in ticks from a normal distribution around {@code midTicks}, bids shifted up
 * and asks down by half of {@code crossTicks}: a positive cross makes the book cross deeply, a
 * negative one opens a gap, and a small spread piles orders onto a few price levels (many ties).
 *
 * @param orders number of orders, bids and asks together
 * @param bidShare chance that an order is a bid, 0 to 1
 * @param midTicks centre of the limits, in ticks
 * @param spreadTicks standard deviation of the limits, in ticks
 * @param crossTicks how far the bids' centre sits above the asks', in ticks (may be negative)
 * @param maxLots largest order, in lots (sizes are uniform in 1..maxLots)
 * @param allOrNoneShare chance that an order is all-or-none, 0 to 1
 * @param sequenceRun how many consecutive orders share a sequence number (1: all distinct)
 * @param rules the market's tick and lot
 */
public record BookShape(
    int orders,
    double bidShare,
    long midTicks,
    double spreadTicks,
    long crossTicks,
    int maxLots,
    double allOrNoneShare,
    int sequenceRun,
    MarketRules rules) {

  public BookShape {
    if (orders < 0) {
      throw new IllegalArgumentException("orders must not be negative: " + orders);
    }
    if (!(bidShare >= 0 && bidShare <= 1) || !(allOrNoneShare >= 0 && allOrNoneShare <= 1)) {
      throw new IllegalArgumentException(
          "bid and all-or-none shares must be in [0, 1]: " + bidShare + ", " + allOrNoneShare);
    }
    if (midTicks <= 0 || !(spreadTicks >= 0)) {
      throw new IllegalArgumentException(
          "mid must be positive and spread not negative: " + midTicks + ", " + spreadTicks);
    }
    if (maxLots <= 0 || sequenceRun <= 0) {
      throw new IllegalArgumentException(
          "max lots and sequence run must be positive: " + maxLots + ", " + sequenceRun);
    }
    if (rules == null) {
      throw new IllegalArgumentException("a book shape needs market rules");
    }
  }

  /**
   * The benchmark's market: even bids and asks around 1,000 ticks with a spread of 50 ticks and an
   * overlap of 10, tick 1, lots of 100 milli-SRU (0.1 SRU), orders of 0.1 to 2 SRU, one in ten
   * all-or-none, distinct sequences.
   */
  public static BookShape market(int orders) {
    return new BookShape(orders, 0.5, 1_000, 50, 10, 20, 0.1, 1, new MarketRules(1, 100));
  }
}

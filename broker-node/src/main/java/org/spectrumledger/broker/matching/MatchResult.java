package org.spectrumledger.broker.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spectrumledger.ledger.Side;

/**
 * The clearing of one market: one uniform price, the volume traded and each order's fill.
 *
 * <p>Fills are listed bids first, then asks, each side in priority order (best limit first, then
 * lowest sequence, then lowest id), so two matchers that agree produce equal results. Fills are
 * held in primitive arrays (a 100,000-order market has up to 100,000 fills); {@link #fills()} gives
 * them as values.
 *
 * <p>The constructor checks only the shape (matching array lengths, the bid count in range):
 * whether the exchange would accept a result is {@link MatchValidator}'s question, so that a faulty
 * result can still be held and reported. Immutable: arrays are copied in and out, so a result
 * outlives the matcher's next clearing.
 */
public final class MatchResult {

  private static final long[] NONE = {};

  private final long price;
  private final long volume;
  private final int bidFills;
  private final long[] orderIds;
  private final long[] quantities;
  private final long[] excluded;

  private MatchResult(
      long price, int bidFills, long[] orderIds, long[] quantities, long[] excluded) {
    if (orderIds.length != quantities.length) {
      throw new IllegalArgumentException(
          orderIds.length + " order ids for " + quantities.length + " fill quantities");
    }
    if (bidFills < 0 || bidFills > orderIds.length) {
      throw new IllegalArgumentException(
          "bid fill count " + bidFills + " outside 0.." + orderIds.length);
    }
    long bids = 0;
    for (int i = 0; i < bidFills; i++) {
      try {
        bids = Math.addExact(bids, quantities[i]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("the bid fills' total overflows a long", e);
      }
    }
    this.price = price;
    this.bidFills = bidFills;
    this.orderIds = orderIds;
    this.quantities = quantities;
    this.excluded = excluded;
    this.volume = bids;
  }

  /**
   * A result; the arrays are copied.
   *
   * @param price the clearing price, 0 when nothing trades
   * @param bidFills how many of the fills, from the start, are bids
   * @param orderIds each fill's order id
   * @param quantities each fill's quantity, milli-SRU
   * @param excludedAllOrNone ids of the all-or-none orders excluded from this auction because they
   *     would have been partially filled
   * @throws IllegalArgumentException if the arrays differ in length, the bid count is out of range
   *     or the bid fills' total does not fit a {@code long}
   */
  public static MatchResult of(
      long price, int bidFills, long[] orderIds, long[] quantities, long[] excludedAllOrNone) {
    return new MatchResult(
        price, bidFills, orderIds.clone(), quantities.clone(), excludedAllOrNone.clone());
  }

  /** Nothing trades; {@code excludedAllOrNone} as in {@link #of}. */
  public static MatchResult noTrade(long[] excludedAllOrNone) {
    return new MatchResult(0, 0, NONE, NONE, excludedAllOrNone.clone());
  }

  /** A result over arrays the caller hands over and never touches again: the matchers' copies. */
  static MatchResult adopt(
      long price, int bidFills, long[] orderIds, long[] quantities, long[] excludedAllOrNone) {
    return new MatchResult(price, bidFills, orderIds, quantities, excludedAllOrNone);
  }

  /** Whether anything trades. */
  public boolean traded() {
    return orderIds.length > 0;
  }

  /** The uniform clearing price, token base units per SRU; 0 when nothing trades. */
  public long price() {
    return price;
  }

  /** Milli-SRU traded: the sum of the bid fills (a valid result's ask fills sum to the same). */
  public long volume() {
    return volume;
  }

  /** Number of fills, both sides. */
  public int fillCount() {
    return orderIds.length;
  }

  /** Number of bid fills; fills {@code 0..bidFillCount()-1} are bids, the rest asks. */
  public int bidFillCount() {
    return bidFills;
  }

  /** The order id of fill {@code fill}. */
  public long orderId(int fill) {
    return orderIds[fill];
  }

  /** The quantity of fill {@code fill}, milli-SRU. */
  public long quantity(int fill) {
    return quantities[fill];
  }

  /** The side of fill {@code fill}. */
  public Side side(int fill) {
    if (fill < 0 || fill >= orderIds.length) {
      throw new IndexOutOfBoundsException("fill " + fill + " of " + orderIds.length);
    }
    return fill < bidFills ? Side.BID : Side.ASK;
  }

  /** The fills as values, bids first. */
  public List<MatchFill> fills() {
    List<MatchFill> list = new ArrayList<>(orderIds.length);
    for (int i = 0; i < orderIds.length; i++) {
      list.add(new MatchFill(orderIds[i], side(i), quantities[i]));
    }
    return list;
  }

  /**
   * Ids of the all-or-none orders left out of this auction because they would have been filled only
   * in part, in the order they were left out; they trade nothing this epoch and stay in the book.
   */
  public long[] excludedAllOrNone() {
    return excluded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatchResult r
        && price == r.price
        && bidFills == r.bidFills
        && Arrays.equals(orderIds, r.orderIds)
        && Arrays.equals(quantities, r.quantities)
        && Arrays.equals(excluded, r.excluded);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(price);
    h = 31 * h + bidFills;
    h = 31 * h + Arrays.hashCode(orderIds);
    h = 31 * h + Arrays.hashCode(quantities);
    return 31 * h + Arrays.hashCode(excluded);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MatchResult[price ").append(price);
    sb.append(", volume ").append(volume).append(", bids {");
    for (int i = 0; i < orderIds.length; i++) {
      if (i == bidFills) {
        sb.append("}, asks {");
      } else if (i != 0) {
        sb.append(", ");
      }
      sb.append(orderIds[i]).append('=').append(quantities[i]);
    }
    if (bidFills == orderIds.length) {
      sb.append("}, asks {");
    }
    sb.append("}, excluded all-or-none ").append(Arrays.toString(excluded)).append(']');
    return sb.toString();
  }
}

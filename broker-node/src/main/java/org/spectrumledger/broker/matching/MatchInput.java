package org.spectrumledger.broker.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.spectrumledger.ledger.Side;

/**
 * The orders of one market for one epoch's auction, held column by column in primitive arrays so
 * the matcher reads them without boxing or pointer chasing.
 *
 * <p>Every order is checked as it is added (positive quantity on the lot, positive price on the
 * tick, side totals that fit a {@code long}); the matchers therefore never meet bad input inside
 * their loops. Order ids must be unique within the input: the order book guarantees it, and {@link
 * MatchValidator} refuses an input that breaks it.
 *
 * <p>An input is mutable and reusable: {@link #clear()} keeps the arrays for the next epoch.
 */
public final class MatchInput {

  private final MarketRules rules;
  private int size;
  private long[] ids;
  private long[] prices;
  private long[] quantities;
  private long[] sequences;
  private boolean[] bid;
  private boolean[] allOrNone;
  private long bidTotal;
  private long askTotal;

  /** An empty input for a market with the given rules. */
  public MatchInput(MarketRules rules) {
    this(rules, 16);
  }

  /** An empty input with room for {@code capacity} orders before it grows. */
  public MatchInput(MarketRules rules, int capacity) {
    if (rules == null) {
      throw new IllegalArgumentException("an input needs the market's rules");
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.rules = rules;
    ids = new long[capacity];
    prices = new long[capacity];
    quantities = new long[capacity];
    sequences = new long[capacity];
    bid = new boolean[capacity];
    allOrNone = new boolean[capacity];
  }

  /** An input holding {@code orders}, in their iteration order. */
  public static MatchInput of(MarketRules rules, Collection<MatchOrder> orders) {
    MatchInput input = new MatchInput(rules, orders.size());
    for (MatchOrder o : orders) {
      input.add(o);
    }
    return input;
  }

  /** Adds one order; see {@link #add(long, Side, long, long, long, boolean)}. */
  public MatchInput add(MatchOrder order) {
    return add(
        order.id(),
        order.side(),
        order.limitPrice(),
        order.quantity(),
        order.sequence(),
        order.allOrNone());
  }

  /**
   * Adds one order.
   *
   * @throws IllegalArgumentException if the price is not a positive multiple of the tick (or above
   *     {@link MarketRules#maxPrice()}), the quantity not a positive multiple of the lot, the
   *     sequence negative, or the side's total quantity would overflow a {@code long}
   */
  public MatchInput add(
      long id, Side side, long limitPrice, long quantity, long sequence, boolean allOrNone) {
    if (side == null) {
      throw new IllegalArgumentException("order " + id + " needs a side");
    }
    if (!rules.isValidPrice(limitPrice)) {
      throw new IllegalArgumentException(
          "order "
              + id
              + " limit price "
              + limitPrice
              + " is not a positive multiple of the tick "
              + rules.tickSize()
              + " up to "
              + rules.maxPrice());
    }
    if (!rules.isValidQuantity(quantity)) {
      throw new IllegalArgumentException(
          "order "
              + id
              + " quantity "
              + quantity
              + " is not a positive multiple of the lot "
              + rules.lotSize());
    }
    if (sequence < 0) {
      throw new IllegalArgumentException(
          "order " + id + " sequence must not be negative: " + sequence);
    }
    boolean isBid = side == Side.BID;
    long total = isBid ? bidTotal : askTotal;
    if (quantity > Long.MAX_VALUE - total) {
      throw new IllegalArgumentException(
          "the " + side + " side's total quantity would overflow adding order " + id);
    }
    if (size == ids.length) {
      grow();
    }
    ids[size] = id;
    prices[size] = limitPrice;
    quantities[size] = quantity;
    sequences[size] = sequence;
    bid[size] = isBid;
    this.allOrNone[size] = allOrNone;
    size++;
    if (isBid) {
      bidTotal += quantity;
    } else {
      askTotal += quantity;
    }
    return this;
  }

  /** Removes every order, keeping the arrays. */
  public void clear() {
    size = 0;
    bidTotal = 0;
    askTotal = 0;
  }

  public MarketRules rules() {
    return rules;
  }

  /** Number of orders. */
  public int size() {
    return size;
  }

  /** The {@code i}-th order added, as a value. */
  public MatchOrder order(int i) {
    checkIndex(i);
    return new MatchOrder(
        ids[i], bid[i] ? Side.BID : Side.ASK, prices[i], quantities[i], sequences[i], allOrNone[i]);
  }

  /** Every order, in the order they were added. */
  public List<MatchOrder> orders() {
    List<MatchOrder> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(order(i));
    }
    return list;
  }

  /** Total quantity of one side, milli-SRU. */
  public long totalQuantity(Side side) {
    return side == Side.BID ? bidTotal : askTotal;
  }

  // Column access for the matchers and the validator: no copies, no bounds beyond the array's.

  long id(int i) {
    return ids[i];
  }

  long price(int i) {
    return prices[i];
  }

  long quantity(int i) {
    return quantities[i];
  }

  long sequence(int i) {
    return sequences[i];
  }

  boolean isBid(int i) {
    return bid[i];
  }

  boolean isAllOrNone(int i) {
    return allOrNone[i];
  }

  /** The id column itself, for the matcher's sort; valid up to {@link #size()}. */
  long[] idColumn() {
    return ids;
  }

  /** The sequence column itself, for the matcher's sort; valid up to {@link #size()}. */
  long[] sequenceColumn() {
    return sequences;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("order " + i + " of " + size);
    }
  }

  private void grow() {
    int capacity = Math.max(16, ids.length * 2);
    ids = Arrays.copyOf(ids, capacity);
    prices = Arrays.copyOf(prices, capacity);
    quantities = Arrays.copyOf(quantities, capacity);
    sequences = Arrays.copyOf(sequences, capacity);
    bid = Arrays.copyOf(bid, capacity);
    allOrNone = Arrays.copyOf(allOrNone, capacity);
  }
}

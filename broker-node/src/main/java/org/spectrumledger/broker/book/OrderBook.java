package org.spectrumledger.broker.book;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.spectrumledger.broker.matching.MarketRules;
import org.spectrumledger.broker.matching.MatchInput;
import org.spectrumledger.broker.matching.MatchOrder;
import org.spectrumledger.broker.matching.MatchResult;
import org.spectrumledger.ledger.Side;

/**
 * The open orders of one market, as the intake side keeps them between auctions: add, cancel,
 * reduce after fills, look up by id, depth per price level, best bid and ask, and the input of the
 * next auction.
 *
 * <p>Each side is a sorted map of price levels, best first; a level keeps its orders in a linked
 * list in time priority (sequence, then id), so cancelling from the middle costs O(1) after the id
 * lookup and {@link #copyTo} writes the orders in exactly the priority the auction uses. Requests a
 * client can get wrong return a {@link BookOutcome}; only programming errors throw.
 *
 * <p>Pure and single-threaded: no I/O, no clock, no locking. Use one book per market from one
 * thread (or guard it).
 */
public final class OrderBook {

  private final MarketRules rules;
  private final Map<Long, Entry> byId = new HashMap<>();
  private final NavigableMap<Long, Level> bids = new TreeMap<>(Comparator.reverseOrder());
  private final NavigableMap<Long, Level> asks = new TreeMap<>();
  private long bidTotal;
  private long askTotal;

  /** An empty book for a market with the given tick and lot. */
  public OrderBook(MarketRules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("a book needs the market's rules");
    }
    this.rules = rules;
  }

  public MarketRules rules() {
    return rules;
  }

  /**
   * Adds an order at the back of its price level's queue (or where its sequence puts it, if it
   * arrives out of order).
   */
  public BookOutcome add(MatchOrder order) {
    if (byId.containsKey(order.id())) {
      return BookOutcome.DUPLICATE_ID;
    }
    if (!rules.isValidPrice(order.limitPrice())) {
      return BookOutcome.INVALID_PRICE;
    }
    if (!rules.isValidQuantity(order.quantity())) {
      return BookOutcome.INVALID_QUANTITY;
    }
    boolean bid = order.side() == Side.BID;
    if (order.quantity() > Long.MAX_VALUE - (bid ? bidTotal : askTotal)) {
      return BookOutcome.SIDE_TOTAL_TOO_LARGE;
    }
    Level level = side(order.side()).computeIfAbsent(order.limitPrice(), Level::new);
    Entry e = new Entry(order);
    level.insert(e);
    byId.put(order.id(), e);
    if (bid) {
      bidTotal += order.quantity();
    } else {
      askTotal += order.quantity();
    }
    return BookOutcome.ACCEPTED;
  }

  /** Removes an order. */
  public BookOutcome cancel(long orderId) {
    Entry e = byId.get(orderId);
    if (e == null) {
      return BookOutcome.UNKNOWN_ORDER;
    }
    remove(e);
    return BookOutcome.ACCEPTED;
  }

  /**
   * Takes {@code filled} milli-SRU off an order after a fill; the order leaves the book when
   * nothing remains. An all-or-none order can only be reduced by all of it.
   *
   * @throws IllegalArgumentException if {@code filled} is not positive
   */
  public BookOutcome reduce(long orderId, long filled) {
    if (filled <= 0) {
      throw new IllegalArgumentException("a reduction must be positive: " + filled);
    }
    Entry e = byId.get(orderId);
    if (e == null) {
      return BookOutcome.UNKNOWN_ORDER;
    }
    if (filled > e.quantity) {
      return BookOutcome.REDUCTION_TOO_LARGE;
    }
    if (e.allOrNone && filled != e.quantity) {
      return BookOutcome.ALL_OR_NONE_PARTLY_REDUCED;
    }
    if (filled == e.quantity) {
      remove(e);
    } else {
      e.quantity -= filled;
      e.level.quantity -= filled;
      if (e.side == Side.BID) {
        bidTotal -= filled;
      } else {
        askTotal -= filled;
      }
    }
    return BookOutcome.ACCEPTED;
  }

  /**
   * Reduces every order filled in {@code result}, all or nothing.
   *
   * @throws IllegalArgumentException if some fill names an order not in the book, on the wrong
   *     side, larger than what is open, or part of an all-or-none order; the book is then unchanged
   */
  public void apply(MatchResult result) {
    Map<Long, Long> totals = new HashMap<>();
    for (int f = 0; f < result.fillCount(); f++) {
      long id = result.orderId(f);
      Entry e = byId.get(id);
      if (e == null || e.side != result.side(f)) {
        throw new IllegalArgumentException(
            "fill of order " + id + " as a " + result.side(f) + " matches no order in the book");
      }
      long total = totals.merge(id, result.quantity(f), Long::sum);
      if (result.quantity(f) <= 0 || total > e.quantity || (e.allOrNone && total != e.quantity)) {
        throw new IllegalArgumentException(
            "fill of " + total + " does not fit order " + id + " with " + e.quantity + " open");
      }
    }
    for (Map.Entry<Long, Long> t : totals.entrySet()) {
      reduce(t.getKey(), t.getValue());
    }
  }

  /** The order with that id as it stands (its open quantity), if it is in the book. */
  public Optional<MatchOrder> find(long orderId) {
    Entry e = byId.get(orderId);
    return e == null ? Optional.empty() : Optional.of(e.toOrder());
  }

  /** Number of open orders. */
  public int size() {
    return byId.size();
  }

  /** Open milli-SRU on one side. */
  public long totalQuantity(Side side) {
    return side == Side.BID ? bidTotal : askTotal;
  }

  /** The highest bid limit, if any bid is open. */
  public OptionalLong bestBid() {
    return bids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(bids.firstKey());
  }

  /** The lowest ask limit, if any ask is open. */
  public OptionalLong bestAsk() {
    return asks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(asks.firstKey());
  }

  /**
   * The best {@code levels} price levels of one side, best first, each with its total open quantity
   * and order count.
   *
   * @throws IllegalArgumentException if {@code levels} is not positive
   */
  public List<DepthLevel> depth(Side side, int levels) {
    if (levels <= 0) {
      throw new IllegalArgumentException("depth needs a positive number of levels: " + levels);
    }
    List<DepthLevel> depth = new ArrayList<>(Math.min(levels, side(side).size()));
    for (Level l : side(side).values()) {
      if (depth.size() == levels) {
        break;
      }
      depth.add(new DepthLevel(l.price, l.quantity, l.count));
    }
    return Collections.unmodifiableList(depth);
  }

  /** A new auction input holding every open order. */
  public MatchInput toInput() {
    MatchInput input = new MatchInput(rules, byId.size());
    copyTo(input);
    return input;
  }

  /**
   * Clears {@code target} and writes every open order into it: bids best first, then asks best
   * first, each level in time priority.
   *
   * @throws IllegalArgumentException if the target is for other market rules
   */
  public void copyTo(MatchInput target) {
    if (!target.rules().equals(rules)) {
      throw new IllegalArgumentException(
          "input rules " + target.rules() + " differ from the book's " + rules);
    }
    target.clear();
    for (NavigableMap<Long, Level> levels : List.of(bids, asks)) {
      for (Level l : levels.values()) {
        for (Entry e = l.head; e != null; e = e.next) {
          target.add(e.id, e.side, l.price, e.quantity, e.sequence, e.allOrNone);
        }
      }
    }
  }

  private NavigableMap<Long, Level> side(Side side) {
    return side == Side.BID ? bids : asks;
  }

  private void remove(Entry e) {
    Level l = e.level;
    l.unlink(e);
    if (l.count == 0) {
      side(e.side).remove(l.price);
    }
    byId.remove(e.id);
    if (e.side == Side.BID) {
      bidTotal -= e.quantity;
    } else {
      askTotal -= e.quantity;
    }
  }

  /** One open order, linked into its level's queue. */
  private static final class Entry {
    final long id;
    final Side side;
    final long price;
    final long sequence;
    final boolean allOrNone;
    long quantity;
    Level level;
    Entry previous;
    Entry next;

    Entry(MatchOrder o) {
      id = o.id();
      side = o.side();
      price = o.limitPrice();
      sequence = o.sequence();
      allOrNone = o.allOrNone();
      quantity = o.quantity();
    }

    /** Whether this entry has time priority over {@code other} at the same price. */
    boolean before(Entry other) {
      return sequence != other.sequence ? sequence < other.sequence : id < other.id;
    }

    MatchOrder toOrder() {
      return new MatchOrder(id, side, price, quantity, sequence, allOrNone);
    }
  }

  /** The orders at one price, in time priority. */
  private static final class Level {
    final long price;
    long quantity;
    int count;
    Entry head;
    Entry tail;

    Level(long price) {
      this.price = price;
    }

    /** Inserts in time priority, searching from the back: arrivals are usually the newest. */
    void insert(Entry e) {
      Entry after = tail;
      while (after != null && e.before(after)) {
        after = after.previous;
      }
      e.previous = after;
      e.next = after == null ? head : after.next;
      if (e.next == null) {
        tail = e;
      } else {
        e.next.previous = e;
      }
      if (after == null) {
        head = e;
      } else {
        after.next = e;
      }
      e.level = this;
      quantity += e.quantity;
      count++;
    }

    void unlink(Entry e) {
      if (e.previous == null) {
        head = e.next;
      } else {
        e.previous.next = e.next;
      }
      if (e.next == null) {
        tail = e.previous;
      } else {
        e.next.previous = e.previous;
      }
      e.previous = null;
      e.next = null;
      quantity -= e.quantity;
      count--;
    }
  }
}

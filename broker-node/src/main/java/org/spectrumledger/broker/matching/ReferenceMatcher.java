package org.spectrumledger.broker.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.spectrumledger.ledger.Side;

/**
 * The auction rules of {@link Matcher}, written to be read rather than to be fast: every price
 * where the volumes can change is tried, the volumes at each are summed over all orders, and the
 * orders are filled one by one in priority order. It is the yardstick the fast {@link
 * UniformPriceMatcher} is tested against; its cost is quadratic in the number of orders per round.
 */
public final class ReferenceMatcher implements Matcher {

  private static final Comparator<MatchOrder> SEQUENCE_THEN_ID =
      Comparator.comparingLong(MatchOrder::sequence).thenComparingLong(MatchOrder::id);
  private static final Comparator<MatchOrder> BID_PRIORITY =
      Comparator.comparingLong(MatchOrder::limitPrice).reversed().thenComparing(SEQUENCE_THEN_ID);
  private static final Comparator<MatchOrder> ASK_PRIORITY =
      Comparator.comparingLong(MatchOrder::limitPrice).thenComparing(SEQUENCE_THEN_ID);

  /** Demand and supply at one candidate price. */
  private record Candidate(long price, long demand, long supply) {
    long volume() {
      return Math.min(demand, supply);
    }

    long imbalance() {
      return Math.abs(demand - supply);
    }
  }

  @Override
  public MatchResult clear(MatchInput input) {
    long tick = input.rules().tickSize();
    List<MatchOrder> open = new ArrayList<>(input.orders());
    List<Long> excluded = new ArrayList<>();
    while (true) {
      long price = clearingPrice(open, tick);
      if (price == 0) {
        return MatchResult.noTrade(toArray(excluded));
      }
      long volume = Math.min(demand(open, price), supply(open, price));
      List<MatchOrder> bids = eligible(open, Side.BID, price, BID_PRIORITY);
      List<MatchOrder> asks = eligible(open, Side.ASK, price, ASK_PRIORITY);
      long[] bidFills = allocate(bids, volume);
      long[] askFills = allocate(asks, volume);
      List<MatchOrder> cut = new ArrayList<>();
      cut.addAll(partlyFilledAllOrNone(bids, bidFills));
      cut.addAll(partlyFilledAllOrNone(asks, askFills));
      if (!cut.isEmpty()) {
        for (MatchOrder o : cut) {
          open.remove(o);
          excluded.add(o.id());
        }
        continue;
      }
      List<Long> ids = new ArrayList<>();
      List<Long> quantities = new ArrayList<>();
      collect(bids, bidFills, ids, quantities);
      int bidCount = ids.size();
      collect(asks, askFills, ids, quantities);
      long bid = marginalLimit(bids, bidFills);
      long ask = marginalLimit(asks, askFills);
      long midpoint = ask + (bid - ask) / tick / 2 * tick;
      return MatchResult.of(
          midpoint, bidCount, toArray(ids), toArray(quantities), toArray(excluded));
    }
  }

  /** Steps 1–4 of the rules; 0 when no positive volume is possible. */
  private static long clearingPrice(List<MatchOrder> open, long tick) {
    // D and S change only one tick past a bid's limit and at an ask's limit, so the ends of every
    // stretch of prices with constant volumes are among these.
    TreeSet<Long> prices = new TreeSet<>();
    for (MatchOrder o : open) {
      prices.add(o.limitPrice());
      prices.add(o.side() == Side.BID ? o.limitPrice() + tick : o.limitPrice() - tick);
    }
    List<Candidate> candidates = new ArrayList<>();
    for (long p : prices) {
      if (p > 0) {
        candidates.add(new Candidate(p, demand(open, p), supply(open, p)));
      }
    }
    long maxVolume = 0;
    for (Candidate c : candidates) {
      maxVolume = Math.max(maxVolume, c.volume());
    }
    if (maxVolume == 0) {
      return 0;
    }
    long minImbalance = Long.MAX_VALUE;
    for (Candidate c : candidates) {
      if (c.volume() == maxVolume) {
        minImbalance = Math.min(minImbalance, c.imbalance());
      }
    }
    List<Long> balanced = new ArrayList<>();
    long highestBidSurplus = 0;
    long lowestAskSurplus = Long.MAX_VALUE;
    for (Candidate c : candidates) {
      if (c.volume() != maxVolume || c.imbalance() != minImbalance) {
        continue;
      }
      if (c.demand() == c.supply()) {
        balanced.add(c.price());
      } else if (c.demand() > c.supply()) {
        highestBidSurplus = Math.max(highestBidSurplus, c.price());
      } else {
        lowestAskSurplus = Math.min(lowestAskSurplus, c.price());
      }
    }
    List<Long> remaining = new ArrayList<>(balanced);
    if (remaining.isEmpty()) {
      if (highestBidSurplus != 0) {
        remaining.add(highestBidSurplus);
      }
      if (lowestAskSurplus != Long.MAX_VALUE) {
        remaining.add(lowestAskSurplus);
      }
    }
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    for (long p : remaining) {
      low = Math.min(low, p);
      high = Math.max(high, p);
    }
    return low + (high - low) / tick / 2 * tick;
  }

  private static long demand(List<MatchOrder> open, long price) {
    long sum = 0;
    for (MatchOrder o : open) {
      if (o.side() == Side.BID && o.limitPrice() >= price) {
        sum += o.quantity();
      }
    }
    return sum;
  }

  private static long supply(List<MatchOrder> open, long price) {
    long sum = 0;
    for (MatchOrder o : open) {
      if (o.side() == Side.ASK && o.limitPrice() <= price) {
        sum += o.quantity();
      }
    }
    return sum;
  }

  private static List<MatchOrder> eligible(
      List<MatchOrder> open, Side side, long price, Comparator<MatchOrder> priority) {
    List<MatchOrder> list = new ArrayList<>();
    for (MatchOrder o : open) {
      if (o.side() == side && o.acceptsPrice(price)) {
        list.add(o);
      }
    }
    list.sort(priority);
    return list;
  }

  /** Fills in priority order until {@code volume} is placed. */
  private static long[] allocate(List<MatchOrder> orders, long volume) {
    long[] fills = new long[orders.size()];
    long left = volume;
    for (int i = 0; i < fills.length; i++) {
      fills[i] = Math.min(orders.get(i).quantity(), left);
      left -= fills[i];
    }
    return fills;
  }

  /** Step 7: the limit of the lowest-ranked order filled. */
  private static long marginalLimit(List<MatchOrder> orders, long[] fills) {
    long limit = 0;
    for (int i = 0; i < fills.length; i++) {
      if (fills[i] > 0) {
        limit = orders.get(i).limitPrice();
      }
    }
    return limit;
  }

  private static List<MatchOrder> partlyFilledAllOrNone(List<MatchOrder> orders, long[] fills) {
    List<MatchOrder> cut = new ArrayList<>();
    for (int i = 0; i < fills.length; i++) {
      MatchOrder o = orders.get(i);
      if (o.allOrNone() && fills[i] > 0 && fills[i] < o.quantity()) {
        cut.add(o);
      }
    }
    return cut;
  }

  private static void collect(
      List<MatchOrder> orders, long[] fills, List<Long> ids, List<Long> quantities) {
    for (int i = 0; i < fills.length; i++) {
      if (fills[i] > 0) {
        ids.add(orders.get(i).id());
        quantities.add(fills[i]);
      }
    }
  }

  private static long[] toArray(List<Long> values) {
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }
}

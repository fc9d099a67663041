package org.spectrumledger.broker.matching;

import java.util.Arrays;

/**
 * The broker's matcher: the rules of {@link Matcher} in O(n log n) for n orders, for markets of
 * 100,000 orders cleared within an epoch.
 *
 * <p>This is a hot path, written as one: the orders stay in the input's primitive columns and the
 * matcher works on {@code int} positions into them; every buffer (sort order, price levels, fills)
 * belongs to the matcher and is grown once, then reused for every later clearing, so a clearing
 * allocates nothing but its result. There are no streams, boxed numbers, {@code BigDecimal},
 * logging or exceptions inside the loops: each would cost allocation or a branch per order, and
 * {@link MatchInput} has already refused any input the loops could fail on.
 *
 * <p>How: each side is sorted once into priority order (a stable merge sort that skips already
 * ordered runs, so a book's priority-ordered input sorts in linear time) and summed into price
 * levels. Price discovery walks the two level ladders upward once: between consecutive breakpoints
 * (an ask's limit, one tick past a bid's limit) demand and supply are constant, so one step per
 * stretch finds the maximum volume, the least imbalance and the price of rules 1–4. The only order
 * that can be filled in part sits on the long side at the clearing price; if it is all-or-none, it
 * is excluded, its level's quantity reduced, and discovery runs again, which costs one walk over
 * the levels per excluded order (so the worst case is the number of all-or-none orders times the
 * number of levels).
 *
 * <p>Not thread-safe: use one matcher per thread.
 */
public final class UniformPriceMatcher implements Matcher {

  private static final int INSERTION_SORT_MAX = 32;

  private MatchInput in;
  private int capacity = -1;

  // Per input position.
  private long[] sortKey;
  private boolean[] excluded;

  // Positions into the input, per side, in priority order; scratch for the merge sort.
  private int[] bidOrder;
  private int[] askOrder;
  private int[] scratch;

  // Price levels per side, best first: the limit, the open quantity (less excluded orders) and
  // the end (exclusive) of the level's orders in bidOrder/askOrder.
  private long[] bidLevelPrice;
  private long[] bidLevelQuantity;
  private int[] bidLevelEnd;
  private int bidLevels;
  private long[] askLevelPrice;
  private long[] askLevelQuantity;
  private int[] askLevelEnd;
  private int askLevels;

  private long[] fillIds;
  private long[] fillQuantities;
  private long[] excludedIds;

  /** A matcher; its buffers grow to the largest market it clears. */
  public UniformPriceMatcher() {
    ensureCapacity(16);
  }

  @Override
  public MatchResult clear(MatchInput input) {
    int n = input.size();
    ensureCapacity(n);
    in = input;
    long tick = input.rules().tickSize();
    int bids = 0;
    int asks = 0;
    for (int i = 0; i < n; i++) {
      excluded[i] = false;
      if (input.isBid(i)) {
        sortKey[i] = -input.price(i); // prices are positive: negating cannot overflow
        bidOrder[bids++] = i;
      } else {
        sortKey[i] = input.price(i);
        askOrder[asks++] = i;
      }
    }
    sort(bidOrder, 0, bids);
    sort(askOrder, 0, asks);
    bidLevels = buildLevels(bidOrder, bids, bidLevelPrice, bidLevelQuantity, bidLevelEnd);
    askLevels = buildLevels(askOrder, asks, askLevelPrice, askLevelQuantity, askLevelEnd);

    int excludedCount = 0;
    while (true) {
      long price = discoverPrice(tick);
      if (price == 0) {
        in = null;
        return MatchResult.noTrade(Arrays.copyOf(excludedIds, excludedCount));
      }
      long demand = 0;
      long demandAbove = 0;
      int bidMargin = -1;
      for (int l = 0; l < bidLevels && bidLevelPrice[l] >= price; l++) {
        demand += bidLevelQuantity[l];
        if (bidLevelPrice[l] > price) {
          demandAbove += bidLevelQuantity[l];
        } else {
          bidMargin = l;
        }
      }
      long supply = 0;
      long supplyBelow = 0;
      int askMargin = -1;
      for (int l = 0; l < askLevels && askLevelPrice[l] <= price; l++) {
        supply += askLevelQuantity[l];
        if (askLevelPrice[l] < price) {
          supplyBelow += askLevelQuantity[l];
        } else {
          askMargin = l;
        }
      }
      // Rule 3 guarantees the orders better than the price fit in the volume, so only the
      // marginal level of the long side is cut, and only one order in it can fill in part.
      int cut = -1;
      if (demand > supply && bidMargin >= 0) {
        cut =
            partlyFilled(
                bidOrder,
                bidMargin == 0 ? 0 : bidLevelEnd[bidMargin - 1],
                bidLevelEnd[bidMargin],
                supply - demandAbove);
      } else if (supply > demand && askMargin >= 0) {
        cut =
            partlyFilled(
                askOrder,
                askMargin == 0 ? 0 : askLevelEnd[askMargin - 1],
                askLevelEnd[askMargin],
                demand - supplyBelow);
      }
      if (cut >= 0 && input.isAllOrNone(cut)) {
        excluded[cut] = true;
        excludedIds[excludedCount++] = input.id(cut);
        if (input.isBid(cut)) {
          bidLevelQuantity[bidMargin] -= input.quantity(cut);
        } else {
          askLevelQuantity[askMargin] -= input.quantity(cut);
        }
        continue;
      }
      long volume = Math.min(demand, supply);
      int fills = allocate(bidOrder, bids, volume, 0);
      int bidFills = fills;
      fills = allocate(askOrder, asks, volume, fills);
      in = null;
      return MatchResult.adopt(
          price,
          bidFills,
          Arrays.copyOf(fillIds, fills),
          Arrays.copyOf(fillQuantities, fills),
          Arrays.copyOf(excludedIds, excludedCount));
    }
  }

  /**
   * Rules 1–4 over the levels' open quantities: walks prices upward from the lowest ask to the
   * highest bid, one step per stretch of constant demand and supply. Returns 0 if no positive
   * volume is possible.
   */
  private long discoverPrice(long tick) {
    if (bidLevels == 0 || askLevels == 0) {
      return 0;
    }
    long highestBid = bidLevelPrice[0];
    long p = askLevelPrice[0];
    long demand = 0; // D(p): bids limited at or above p, the levels [0, b)
    int b = 0;
    while (b < bidLevels && bidLevelPrice[b] >= p) {
      demand += bidLevelQuantity[b++];
    }
    long supply = 0; // S(p): asks limited at or below p, the levels [0, a)
    int a = 0;
    long bestVolume = 0;
    long bestImbalance = Long.MAX_VALUE;
    long balancedLow = 0;
    long balancedHigh = 0;
    long bidSurplusHigh = 0;
    long askSurplusLow = 0;
    while (p <= highestBid) {
      while (a < askLevels && askLevelPrice[a] <= p) {
        supply += askLevelQuantity[a++];
      }
      while (b > 0 && bidLevelPrice[b - 1] < p) {
        demand -= bidLevelQuantity[--b];
      }
      // The stretch ends before the next ask's limit or where the lowest bid in demand drops
      // out; b > 0 here because the highest bid is at or above p.
      long end = bidLevelPrice[b - 1];
      if (a < askLevels && askLevelPrice[a] - tick < end) {
        end = askLevelPrice[a] - tick;
      }
      long volume = Math.min(demand, supply);
      if (volume > 0) {
        long imbalance = Math.abs(demand - supply);
        if (volume > bestVolume || (volume == bestVolume && imbalance < bestImbalance)) {
          bestVolume = volume;
          bestImbalance = imbalance;
          balancedLow = 0;
          bidSurplusHigh = 0;
          askSurplusLow = 0;
        }
        if (volume == bestVolume && imbalance == bestImbalance) {
          if (demand == supply) {
            if (balancedLow == 0) {
              balancedLow = p;
            }
            balancedHigh = end;
          } else if (demand > supply) {
            bidSurplusHigh = end;
          } else if (askSurplusLow == 0) {
            askSurplusLow = p;
          }
        }
      }
      p = end + tick;
    }
    if (bestVolume == 0) {
      return 0;
    }
    long low;
    long high;
    if (balancedLow != 0) {
      low = balancedLow;
      high = balancedHigh;
    } else {
      low = bidSurplusHigh != 0 ? bidSurplusHigh : askSurplusLow;
      high = askSurplusLow != 0 ? askSurplusLow : bidSurplusHigh;
    }
    return low + (high - low) / tick / 2 * tick;
  }

  /**
   * The position of the order that fills in part when {@code volume} is placed over the open orders
   * {@code order[from, to)} in turn, or -1 if none does.
   */
  private int partlyFilled(int[] order, int from, int to, long volume) {
    long left = volume;
    for (int k = from; k < to && left > 0; k++) {
      int i = order[k];
      if (excluded[i]) {
        continue;
      }
      long q = in.quantity(i);
      if (q > left) {
        return i;
      }
      left -= q;
    }
    return -1;
  }

  /**
   * Fills the open orders of one side in priority order until {@code volume} is placed, writing
   * from fill {@code fill}; returns the next free fill.
   */
  private int allocate(int[] order, int count, long volume, int fill) {
    long left = volume;
    for (int k = 0; k < count && left > 0; k++) {
      int i = order[k];
      if (excluded[i]) {
        continue;
      }
      long q = Math.min(in.quantity(i), left);
      fillIds[fill] = in.id(i);
      fillQuantities[fill++] = q;
      left -= q;
    }
    return fill;
  }

  private int buildLevels(
      int[] order, int count, long[] levelPrice, long[] levelQuantity, int[] levelEnd) {
    int levels = 0;
    for (int k = 0; k < count; k++) {
      int i = order[k];
      long price = in.price(i);
      if (levels == 0 || levelPrice[levels - 1] != price) {
        levelPrice[levels] = price;
        levelQuantity[levels] = 0;
        levels++;
      }
      levelQuantity[levels - 1] += in.quantity(i);
      levelEnd[levels - 1] = k + 1;
    }
    return levels;
  }

  // ---------------------------------------------------------------- sort

  /** Whether input position x has priority over y: better price, then sequence, then id. */
  private boolean before(int x, int y) {
    long kx = sortKey[x];
    long ky = sortKey[y];
    if (kx != ky) {
      return kx < ky;
    }
    long sx = in.sequence(x);
    long sy = in.sequence(y);
    if (sx != sy) {
      return sx < sy;
    }
    return in.id(x) < in.id(y);
  }

  /** Stable merge sort of {@code a[from, to)} by priority; ordered runs cost one comparison. */
  private void sort(int[] a, int from, int to) {
    if (to - from <= INSERTION_SORT_MAX) {
      for (int k = from + 1; k < to; k++) {
        int x = a[k];
        int j = k - 1;
        while (j >= from && before(x, a[j])) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, from, mid);
    sort(a, mid, to);
    if (!before(a[mid], a[mid - 1])) {
      return;
    }
    System.arraycopy(a, from, scratch, from, mid - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = before(a[j], scratch[i]) ? a[j++] : scratch[i++];
    }
    while (i < mid) {
      a[k++] = scratch[i++];
    }
  }

  private void ensureCapacity(int n) {
    if (n <= capacity) {
      return;
    }
    int c = Math.max(n, capacity + (capacity >> 1));
    sortKey = new long[c];
    excluded = new boolean[c];
    bidOrder = new int[c];
    askOrder = new int[c];
    scratch = new int[c];
    bidLevelPrice = new long[c];
    bidLevelQuantity = new long[c];
    bidLevelEnd = new int[c];
    askLevelPrice = new long[c];
    askLevelQuantity = new long[c];
    askLevelEnd = new int[c];
    fillIds = new long[c];
    fillQuantities = new long[c];
    excludedIds = new long[c];
    capacity = c;
  }
}

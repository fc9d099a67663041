package org.spectrumledger.broker.matching;

import java.util.Arrays;

/**
 * The broker's matcher: the rules of {@link Matcher} in O((n + r) log n) for n orders and r
 * excluded all-or-none orders, for markets of 100,000 orders cleared within an epoch.
 *
 * <p>This is a hot path, written as one: the orders stay in the input's primitive columns and the
 * matcher works on {@code int} positions into them; every buffer (sort order, price levels,
 * stretches, Fenwick trees, fills) belongs to the matcher and is grown once, then reused by every
 * later clearing, so a clearing allocates nothing but its result. There are no streams, boxed
 * numbers, {@code BigDecimal}, logging or exceptions inside the loops: each would cost allocation
 * or a branch per order, and {@link MatchInput} has already refused any input the loops could fail
 * on (off-grid prices, non-positive quantities, side totals that overflow).
 *
 * <p>How:
 *
 * <ol>
 *   <li>Each side is put in priority order by a stable radix sort (id, then sequence, then price;
 *       the first two are skipped when the input already arrives in sequence order), and its orders
 *       are grouped into price levels.
 *   <li>One upward walk over both level ladders cuts the prices from the lowest ask to the highest
 *       bid into <em>stretches</em>: runs of prices with constant demand D and supply S, broken at
 *       each ask's limit and one tick past each bid's limit.
 *   <li>D falls and S rises from stretch to stretch, so D − S is monotone and rules 1–4 reduce to a
 *       handful of binary searches around the stretch where D drops below S.
 *   <li>Only the long side's level at the clearing price can be cut, so the one order filled in
 *       part is found by a search in a Fenwick tree of each side's open quantities. If it is
 *       all-or-none, it is excluded: its quantity leaves the order tree and, as a range update, the
 *       D or S of the stretches it counted in, and the price is found again in O(log² n).
 *   <li>The fills are written in one pass over each side in priority order.
 * </ol>
 *
 * <p>Not thread-safe: use one matcher per thread.
 */
public final class UniformPriceMatcher implements Matcher {

  private static final int RADIX_BITS = 11;
  private static final int RADIX = 1 << RADIX_BITS;

  private MatchInput in;
  private long tick;
  private int capacity = -1;

  // Per input position.
  private long[] priceKey; // -price for bids, price for asks: ascending is priority order
  private boolean[] excluded;

  // Positions into the input, per side, in priority order; scratch for the radix sort.
  private int[] bidOrder;
  private int[] askOrder;
  private int[] scratch;
  private final int[] digitCounts = new int[RADIX + 1];

  // Price levels per side, best first: limit, initial quantity, end (exclusive) in the order.
  private long[] bidLevelPrice;
  private long[] bidLevelQuantity;
  private int[] bidLevelEnd;
  private int bidLevels;
  private long[] askLevelPrice;
  private long[] askLevelQuantity;
  private int[] askLevelEnd;
  private int askLevels;

  // Open quantity per position of each side's priority order.
  private final Fenwick bidOpen = new Fenwick();
  private final Fenwick askOpen = new Fenwick();

  // Stretches, ascending: first and last price, demand and supply before any exclusion, and the
  // exclusions' range updates as difference trees.
  private long[] stretchLow;
  private long[] stretchHigh;
  private long[] stretchDemand;
  private long[] stretchSupply;
  private int stretches;
  private final Fenwick demandChange = new Fenwick();
  private final Fenwick supplyChange = new Fenwick();

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
    tick = input.rules().tickSize();
    int bids = 0;
    int asks = 0;
    for (int i = 0; i < n; i++) {
      excluded[i] = false;
      if (input.isBid(i)) {
        priceKey[i] = -input.price(i); // prices are positive: negating cannot overflow
        bidOrder[bids++] = i;
      } else {
        priceKey[i] = input.price(i);
        askOrder[asks++] = i;
      }
    }
    sortByPriority(bidOrder, bids);
    sortByPriority(askOrder, asks);
    bidLevels = buildLevels(bidOrder, bids, bidLevelPrice, bidLevelQuantity, bidLevelEnd);
    askLevels = buildLevels(askOrder, asks, askLevelPrice, askLevelQuantity, askLevelEnd);
    bidOpen.build(bidOrder, bids, input);
    askOpen.build(askOrder, asks, input);
    buildStretches();

    int excludedCount = 0;
    while (true) {
      long price = clearingPrice();
      if (price == 0) {
        in = null;
        return MatchResult.noTrade(Arrays.copyOf(excludedIds, excludedCount));
      }
      int at = stretchOf(price);
      long demand = demand(at);
      long supply = supply(at);
      int cut = -1;
      boolean cutBid = false;
      if (demand > supply) {
        // Rule 3: the bids above the price fit in the supply; only the level at it is cut.
        long above =
            price + tick > stretchHigh[stretches - 1] ? 0 : demand(stretchOf(price + tick));
        int level = findLevel(bidLevelPrice, bidLevels, price, true);
        if (level >= 0) {
          cut =
              partlyFilled(
                  bidOpen,
                  level == 0 ? 0 : bidLevelEnd[level - 1],
                  bidLevelEnd[level],
                  supply - above);
          cutBid = true;
        }
      } else if (supply > demand) {
        long below = price - tick < stretchLow[0] ? 0 : supply(stretchOf(price - tick));
        int level = findLevel(askLevelPrice, askLevels, price, false);
        if (level >= 0) {
          cut =
              partlyFilled(
                  askOpen,
                  level == 0 ? 0 : askLevelEnd[level - 1],
                  askLevelEnd[level],
                  demand - below);
        }
      }
      if (cut >= 0 && input.isAllOrNone(input(cut, cutBid))) {
        int i = input(cut, cutBid);
        long q = input.quantity(i);
        excluded[i] = true;
        excludedIds[excludedCount++] = input.id(i);
        if (cutBid) {
          bidOpen.add(cut, -q);
          // The bid counted in the demand of every stretch up to its limit.
          demandChange.add(0, -q);
          demandChange.add(at + 1, q);
        } else {
          askOpen.add(cut, -q);
          // The ask counted in the supply of every stretch from its limit up.
          supplyChange.add(at, -q);
        }
        continue;
      }
      long volume = Math.min(demand, supply);
      int fills = allocate(bidOrder, bids, volume, 0);
      long marginalBid = lastFilledLimit;
      int bidFills = fills;
      fills = allocate(askOrder, asks, volume, fills);
      long marginalAsk = lastFilledLimit;
      in = null;
      // Rule 7: the price is the marginal pair's midpoint, not the one the volume was found at.
      return MatchResult.adopt(
          marginalAsk + (marginalBid - marginalAsk) / tick / 2 * tick,
          bidFills,
          Arrays.copyOf(fillIds, fills),
          Arrays.copyOf(fillQuantities, fills),
          Arrays.copyOf(excludedIds, excludedCount));
    }
  }

  private int input(int position, boolean bid) {
    return bid ? bidOrder[position] : askOrder[position];
  }

  // ---------------------------------------------------------------- price discovery

  /**
   * Cuts [lowest ask, highest bid] into stretches of constant demand and supply by one upward walk
   * over the level ladders. Empty when the book does not cross.
   */
  private void buildStretches() {
    stretches = 0;
    if (bidLevels > 0 && askLevels > 0 && askLevelPrice[0] <= bidLevelPrice[0]) {
      long highestBid = bidLevelPrice[0];
      long p = askLevelPrice[0];
      long demand = 0; // bids limited at or above p: the levels [0, b)
      int b = 0;
      while (b < bidLevels && bidLevelPrice[b] >= p) {
        demand += bidLevelQuantity[b++];
      }
      long supply = 0; // asks limited at or below p: the levels [0, a)
      int a = 0;
      while (p <= highestBid) {
        while (a < askLevels && askLevelPrice[a] <= p) {
          supply += askLevelQuantity[a++];
        }
        while (b > 0 && bidLevelPrice[b - 1] < p) {
          demand -= bidLevelQuantity[--b];
        }
        // The stretch ends where the lowest bid in demand drops out (b > 0: the highest bid is
        // at or above p) or just before the next ask's limit.
        long end = bidLevelPrice[b - 1];
        if (a < askLevels && askLevelPrice[a] - tick < end) {
          end = askLevelPrice[a] - tick;
        }
        stretchLow[stretches] = p;
        stretchHigh[stretches] = end;
        stretchDemand[stretches] = demand;
        stretchSupply[stretches] = supply;
        stretches++;
        p = end + tick;
      }
    }
    demandChange.reset(stretches);
    supplyChange.reset(stretches);
  }

  private long demand(int stretch) {
    return stretchDemand[stretch] + demandChange.prefix(stretch + 1);
  }

  private long supply(int stretch) {
    return stretchSupply[stretch] + supplyChange.prefix(stretch + 1);
  }

  /**
   * Rules 1–4 over the stretches; 0 if no positive volume is possible.
   *
   * <p>Let c be the first stretch with D &lt; S. Before c the volume is S (rising), from c on it is
   * D (falling), so the largest volume is at c − 1 or c. On the left the imbalance D − S is least
   * at c − 1, on the right S − D is least at c; a zero imbalance can only be on the left, and then
   * the balanced prices are the stretches up to c − 1 where D and S both equal it.
   */
  private long clearingPrice() {
    int k = stretches;
    if (k == 0) {
      return 0;
    }
    int c = firstDemandBelowSupply();
    long leftVolume = c > 0 ? supply(c - 1) : 0;
    long rightVolume = c < k ? demand(c) : 0;
    long volume = Math.max(leftVolume, rightVolume);
    if (volume == 0) {
      return 0;
    }
    long leftImbalance = leftVolume == volume ? demand(c - 1) - volume : Long.MAX_VALUE;
    long rightImbalance = rightVolume == volume ? supply(c) - volume : Long.MAX_VALUE;
    long least = Math.min(leftImbalance, rightImbalance);
    long low;
    long high;
    if (least == 0) {
      int first = Math.max(firstDemandAtMost(volume), firstSupplyAtLeast(volume));
      low = stretchLow[first];
      high = stretchHigh[c - 1];
    } else {
      // The highest bid-surplus price and the lowest ask-surplus price, as present.
      low = leftImbalance == least ? stretchHigh[c - 1] : stretchLow[c];
      high = rightImbalance == least ? stretchLow[c] : stretchHigh[c - 1];
    }
    return low + (high - low) / tick / 2 * tick;
  }

  private int firstDemandBelowSupply() {
    int lo = 0;
    int hi = stretches;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (demand(mid) < supply(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private int firstDemandAtMost(long value) {
    int lo = 0;
    int hi = stretches;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (demand(mid) <= value) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private int firstSupplyAtLeast(long value) {
    int lo = 0;
    int hi = stretches;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (supply(mid) >= value) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The stretch holding {@code price}, which must lie in [lowest ask, highest bid]. */
  private int stretchOf(long price) {
    int lo = 0;
    int hi = stretches - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (stretchLow[mid] <= price) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // ---------------------------------------------------------------- allocation

  /** The level at {@code price} in a ladder sorted best first, or -1. */
  private static int findLevel(long[] levelPrice, int levels, long price, boolean descending) {
    int lo = 0;
    int hi = levels - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long p = levelPrice[mid];
      if (p == price) {
        return mid;
      }
      if ((p > price) == descending) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /**
   * The position (in the side's priority order) of the order that fills in part when {@code volume}
   * is placed over the open orders at positions [from, to) in turn, or -1 if none does.
   */
  private static int partlyFilled(Fenwick open, int from, int to, long volume) {
    long target = open.prefix(from) + volume;
    int position = open.lastPrefixAtMost(target);
    if (position >= to || open.prefix(position) == target) {
      return -1;
    }
    return position;
  }

  /**
   * Fills the open orders of one side in priority order until {@code volume} is placed, writing
   * from fill {@code fill}; returns the next free fill.
   */
  /** The limit of the last order {@link #allocate} filled. */
  private long lastFilledLimit;

  private int allocate(int[] order, int count, long volume, int fill) {
    long left = volume;
    for (int k = 0; k < count && left > 0; k++) {
      int i = order[k];
      if (excluded[i]) {
        continue;
      }
      long q = Math.min(in.quantity(i), left);
      lastFilledLimit = in.price(i);
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

  /**
   * Puts positions {@code a[0, count)} in priority order: price key, then sequence, then id. LSD
   * radix passes are stable, so sorting by id, then sequence, then price gives that order. Input
   * already in priority order (as an order book writes it) is left as it is, and input in arrival
   * order (sequence, id) needs the price passes only.
   */
  private void sortByPriority(int[] a, int count) {
    long[] sequence = in.sequenceColumn();
    long[] id = in.idColumn();
    boolean byArrival = true;
    boolean byPriority = true;
    for (int k = 1; k < count && (byArrival || byPriority); k++) {
      int x = a[k - 1];
      int y = a[k];
      boolean arrival = sequence[x] < sequence[y] || (sequence[x] == sequence[y] && id[x] <= id[y]);
      byArrival &= arrival;
      byPriority &= priceKey[x] < priceKey[y] || (priceKey[x] == priceKey[y] && arrival);
    }
    if (byPriority) {
      return;
    }
    if (!byArrival) {
      radixSort(a, count, id);
      radixSort(a, count, sequence);
    }
    radixSort(a, count, priceKey);
  }

  /** Stable LSD radix sort of positions by {@code key}, only over the bits the keys differ in. */
  private void radixSort(int[] a, int count, long[] key) {
    if (count < 2) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int k = 0; k < count; k++) {
      long v = key[a[k]];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    long range = max - min; // read as unsigned: at most 2^64 - 1
    int bits = 64 - Long.numberOfLeadingZeros(range);
    int[] src = a;
    int[] dst = scratch;
    int[] counts = digitCounts;
    for (int shift = 0; shift < bits; shift += RADIX_BITS) {
      Arrays.fill(counts, 0);
      for (int k = 0; k < count; k++) {
        counts[(int) (((key[src[k]] - min) >>> shift) & (RADIX - 1)) + 1]++;
      }
      for (int d = 0; d < RADIX; d++) {
        counts[d + 1] += counts[d];
      }
      for (int k = 0; k < count; k++) {
        int x = src[k];
        dst[counts[(int) (((key[x] - min) >>> shift) & (RADIX - 1))]++] = x;
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != a) {
      System.arraycopy(src, 0, a, 0, count);
    }
  }

  private void ensureCapacity(int n) {
    if (n <= capacity) {
      return;
    }
    int c = Math.max(n, capacity + (capacity >> 1));
    priceKey = new long[c];
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
    stretchLow = new long[c + 1];
    stretchHigh = new long[c + 1];
    stretchDemand = new long[c + 1];
    stretchSupply = new long[c + 1];
    bidOpen.ensureCapacity(c);
    askOpen.ensureCapacity(c);
    demandChange.ensureCapacity(c + 1);
    supplyChange.ensureCapacity(c + 1);
    fillIds = new long[c];
    fillQuantities = new long[c];
    excludedIds = new long[c];
    capacity = c;
  }

  /**
   * A Fenwick (binary indexed) tree of longs over positions 0..size-1: point updates, prefix sums
   * and the search for the longest prefix within a bound, each in O(log size).
   */
  static final class Fenwick {
    private long[] tree = new long[1];
    private int size;

    void ensureCapacity(int n) {
      if (tree.length < n + 1) {
        tree = new long[n + 1];
      }
    }

    /** All zero over {@code size} positions. */
    void reset(int size) {
      this.size = size;
      Arrays.fill(tree, 0, size + 1, 0);
    }

    /** Position k holds the quantity of input order {@code order[k]}; built in O(count). */
    void build(int[] order, int count, MatchInput input) {
      size = count;
      tree[0] = 0;
      for (int k = 0; k < count; k++) {
        tree[k + 1] = input.quantity(order[k]);
      }
      for (int i = 1; i <= count; i++) {
        int parent = i + (i & -i);
        if (parent <= count) {
          tree[parent] += tree[i];
        }
      }
    }

    void add(int position, long delta) {
      for (int i = position + 1; i <= size; i += i & -i) {
        tree[i] += delta;
      }
    }

    /** The sum over positions [0, end). */
    long prefix(int end) {
      long sum = 0;
      for (int i = end; i > 0; i -= i & -i) {
        sum += tree[i];
      }
      return sum;
    }

    /**
     * The largest {@code end} with {@code prefix(end) <= bound}, for non-negative values: the
     * position of the first order that does not fit whole within {@code bound} (or size).
     */
    int lastPrefixAtMost(long bound) {
      int end = 0;
      long left = bound;
      for (int step = Integer.highestOneBit(Math.max(size, 1)); step > 0; step >>= 1) {
        int next = end + step;
        if (next <= size && tree[next] <= left) {
          end = next;
          left -= tree[next];
        }
      }
      return end;
    }
  }
}

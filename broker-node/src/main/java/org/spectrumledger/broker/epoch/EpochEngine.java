package org.spectrumledger.broker.epoch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.api.DepthView;
import org.spectrumledger.broker.api.MarketSummary;
import org.spectrumledger.broker.book.BookOutcome;
import org.spectrumledger.broker.book.DepthLevel;
import org.spectrumledger.broker.book.OrderBook;
import org.spectrumledger.broker.matching.MarketRules;
import org.spectrumledger.broker.matching.MatchInput;
import org.spectrumledger.broker.matching.MatchOrder;
import org.spectrumledger.broker.matching.MatchResult;
import org.spectrumledger.broker.matching.MatchValidator;
import org.spectrumledger.broker.matching.Matcher;
import org.spectrumledger.broker.matching.UniformPriceMatcher;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Fees;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;

/**
 * The books of every market and their auctions: one uniform-price clearing per market per epoch,
 * recorded in the store (fills and the orders' matched quantities in one transaction) before the
 * books change, so a crash never loses a match nor repeats one.
 *
 * <p>A market's auction takes its whole book. An auction with more fills than one settlement batch
 * carries is recorded as several clearings, its parts ({@link AuctionParts}): each at the auction's
 * price, each balanced, each settled by a batch of its own; all parts are recorded in one
 * transaction, with consecutive ids.
 */
public final class EpochEngine {

  private static final Logger LOG = LoggerFactory.getLogger(EpochEngine.class);

  /** What the engine needs to know about a market besides its book. */
  public interface MarketGate {
    /** Null when {@code market} may trade now, otherwise why not. */
    String refusal(MarketKey market);
  }

  /** Told about each clearing once it is recorded. */
  public interface ClearingListener {
    void cleared(ClearingRecord clearing, Timescale timescale);
  }

  /**
   * Makes the broker's signed receipt for a fill (near-RT), or null for none. {@code filledAfter}
   * is the order's matched quantity once this fill counts, the broker's fills of it so far
   * included.
   */
  public interface ReceiptMaker {
    String receipt(
        OrderRecord order,
        long quantity,
        long filledAfter,
        long price,
        long clearingId,
        Timescale timescale);
  }

  private final ClearingLog log;
  private final MarketRules rules;
  private final int partFills;
  private final long nearRtMaxSlotSeconds;
  private final MarketGate gate;
  private final ClearingListener listener;
  private final ReceiptMaker receipts;
  private final java.util.function.IntSupplier feeBps;
  private volatile Matcher matcher = new UniformPriceMatcher();
  private final MatchInput input;
  private final Map<MarketKey, OrderBook> books = new LinkedHashMap<>();

  /** Open orders by their id in the book: the engine's own numbering, never shown outside. */
  private final Map<Long, OrderRecord> open = new HashMap<>();

  private final Map<Bytes32, Long> bookIds = new HashMap<>();
  private long nextBookId;

  /** Open orders by the time they stop being settleable; entries of closed orders are skipped. */
  private final java.util.PriorityQueue<long[]> deadlines =
      new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

  private final Map<MarketKey, Long> lastPrice = new HashMap<>();

  /**
   * Per market, every order accepted into it and when (the engine's clock, unix milliseconds): the
   * leaves of its auctions' books. An order keeps its place after it leaves the book (filled,
   * cancelled, expired, refused); the market's entry goes when the market is pruned.
   */
  private final Map<MarketKey, LinkedHashMap<Bytes32, Accepted>> accepted = new HashMap<>();

  /**
   * An order accepted into a market: when, and what of it is unsettled as far as the engine knows
   * (its quantity less the settled quantity of the latest record it was given): the leaf's {@code
   * open}, never less than the chain shows unfilled, which the court checks.
   */
  private static final class Accepted {
    final long at;
    final Side side;
    final long limitPrice;
    final long sequence;
    long unsettled;

    Accepted(long at, OrderRecord r, long unsettled) {
      this.at = at;
      this.side = r.order().order().side();
      this.limitPrice = r.order().order().limitPrice();
      this.sequence = r.seq();
      this.unsettled = unsettled;
    }
  }

  /** The engine's clock: unix milliseconds, strictly increasing over intakes and cut-offs. */
  private long lastStamp;

  private final java.util.function.LongSupplier clockMillis;
  private final java.util.function.LongSupplier cutoffClockMillis;

  private final AtomicLong epoch = new AtomicLong();

  /** The highest clearing id given, resumed from the log: ids are never given twice. */
  private long lastClearingId;

  /**
   * @param clockMillis the time intakes are dated by, unix milliseconds (read at every intake, so
   *     cheap: a cached reading)
   * @param cutoffClockMillis the time auctions are cut off by, read once an epoch (and for each
   *     near-RT auction), outside the engine's lock: the chain's as it is now (the exchange refuses
   *     a cut-off older than its settlement window), or the wall clock when it is ahead
   */
  public EpochEngine(
      ClearingLog log,
      MarketRules rules,
      int partFills,
      long nearRtMaxSlotSeconds,
      MarketGate gate,
      ClearingListener listener,
      ReceiptMaker receipts,
      java.util.function.IntSupplier feeBps,
      java.util.function.LongSupplier clockMillis,
      java.util.function.LongSupplier cutoffClockMillis) {
    this.clockMillis = clockMillis;
    this.cutoffClockMillis = cutoffClockMillis;
    this.log = log;
    this.lastClearingId = log.lastClearingId();
    this.feeBps = feeBps;
    this.rules = rules;
    if (partFills < 2) {
      throw new IllegalArgumentException("a clearing needs room for 2 fills");
    }
    this.partFills = partFills;
    this.nearRtMaxSlotSeconds = nearRtMaxSlotSeconds;
    this.gate = gate;
    this.listener = listener;
    this.receipts = receipts;
    this.input = new MatchInput(rules);
  }

  public Timescale timescale(MarketKey m) {
    return m.durationSeconds() < nearRtMaxSlotSeconds ? Timescale.NEAR_RT : Timescale.NON_RT;
  }

  private long stamp() {
    return stamp(clockMillis.getAsLong());
  }

  /** A time after every one given so far, and at least {@code now}. */
  private long stamp(long now) {
    lastStamp = Math.max(now, lastStamp + 1);
    return lastStamp;
  }

  /**
   * When {@code orderHash} was accepted into its market (unix milliseconds, the engine's clock):
   * every auction of the market cut off at or after it holds the order's leaf. Empty for an order
   * the engine never took or whose market is pruned.
   */
  public synchronized Optional<Long> acceptedAt(Bytes32 orderHash, MarketKey market) {
    var m = accepted.get(market);
    Accepted a = m == null ? null : m.get(orderHash);
    return a == null ? Optional.empty() : Optional.of(a.at);
  }

  /**
   * Takes an order the broker accepted into its market's auctions without booking it (one that left
   * the book before a restart): it keeps its leaf in the market's books.
   */
  public synchronized void remember(OrderRecord r) {
    long unsettled = r.order().order().quantity() - r.settled();
    Accepted a =
        accepted
            .computeIfAbsent(r.order().order().market(), k -> new LinkedHashMap<>())
            .computeIfAbsent(r.orderHash(), k -> new Accepted(stamp(), r, unsettled));
    a.unsettled = Math.min(a.unsettled, unsettled);
  }

  /**
   * Takes an order out of its book and out of every later book of its market, as if the broker had
   * never accepted it: what a broker that breaks its intake receipt does. The broker never calls
   * it; the demo's cheating broker does, to show the court convicting it.
   */
  public synchronized void forget(OrderRecord r) {
    remove(r);
    var m = accepted.get(r.order().order().market());
    if (m != null) {
      m.remove(r.orderHash());
    }
  }

  /**
   * Clears every later auction with {@code m} instead of the published rule's matcher: what a
   * broker that breaks the rule does. The broker never calls it; the demo's cheating broker does,
   * to show the court convicting it.
   */
  public void clearWith(Matcher m) {
    this.matcher = m;
  }

  /** Every open order in the books. */
  public synchronized List<OrderRecord> booked() {
    return List.copyOf(open.values());
  }

  /** Puts an open order (or what is left of it) in its market's book. */
  public synchronized void add(OrderRecord r) {
    remember(r);
    long openQuantity = r.open();
    if (openQuantity <= 0) {
      return;
    }
    Order o = r.order().order();
    long limit = o.side() == Side.BID ? bookedBidLimit(o.limitPrice()) : o.limitPrice();
    if (limit <= 0) {
      LOG.warn(
          "order {} not booked: its limit does not cover one tick plus the fee", r.orderHash());
      return;
    }
    if (bookIds.containsKey(r.orderHash())) {
      LOG.warn("order {} not booked twice", r.orderHash());
      return;
    }
    OrderBook book = books.computeIfAbsent(o.market(), k -> new OrderBook(rules));
    long id = ++nextBookId;
    // Time priority is the order's arrival at the broker, kept across restarts and re-bookings.
    BookOutcome outcome =
        book.add(new MatchOrder(id, o.side(), limit, openQuantity, r.seq(), !o.partialFill()));
    if (outcome.isAccepted()) {
      open.put(id, r);
      bookIds.put(r.orderHash(), id);
      deadlines.add(new long[] {o.validUntilCappedAt(o.market().slotEnd() - 1), id});
    } else {
      LOG.warn("order {} not booked: {}", r.orderHash(), outcome);
    }
  }

  /**
   * The highest price on the tick a bid limited at {@code limitPrice} accepts under the fee in
   * force: a bid's limit is all-in (the exchange's rule, {@link Fees}), so the auction sees the
   * price plus the fee within it.
   */
  private long bookedBidLimit(long limitPrice) {
    return AuctionBook.bidLimit(limitPrice, feeBps.getAsInt(), rules.tickSize());
  }

  /** Books every open order again at its limit under the fee now in force (after a fee change). */
  public synchronized void rebook() {
    for (OrderRecord r : List.copyOf(open.values())) {
      if (remove(r)) {
        add(log.order(r.orderHash()).orElse(r));
      }
    }
  }

  /** Takes an order out of its book (cancelled, expired, rejected, or to re-add it). */
  public synchronized boolean remove(OrderRecord r) {
    Long id = bookIds.remove(r.orderHash());
    if (id == null) {
      return false;
    }
    open.remove(id);
    OrderBook book = books.get(r.order().order().market());
    return book != null && book.cancel(id).isAccepted();
  }

  /** The open order of {@code maker} with {@code nonce}, if booked. */
  public synchronized Optional<OrderRecord> find(
      org.spectrumledger.ledger.Address maker, long nonce) {
    for (OrderRecord r : open.values()) {
      Order o = r.order().order();
      if (o.nonce() == nonce && o.maker().equals(maker)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Open orders whose validity ends before {@code cutoff} (they could no longer settle). Reads only
   * the head of a deadline queue, so it costs nothing while no order expires.
   */
  public synchronized List<OrderRecord> expiring(long cutoff) {
    List<OrderRecord> out = new ArrayList<>();
    while (!deadlines.isEmpty() && deadlines.peek()[0] < cutoff) {
      OrderRecord r = open.get(deadlines.poll()[1]);
      if (r != null && !out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Open orders of {@code maker}. */
  public synchronized List<OrderRecord> openOf(org.spectrumledger.ledger.Address maker) {
    return open.values().stream().filter(r -> r.order().order().maker().equals(maker)).toList();
  }

  public synchronized int openOrders() {
    return open.size();
  }

  /** Clears every market of {@code timescale} that crosses; returns the clearings recorded. */
  public List<ClearingRecord> runEpoch(Timescale timescale) {
    List<MarketKey> markets;
    synchronized (this) {
      markets = new ArrayList<>();
      for (var e : books.entrySet()) {
        if (timescale(e.getKey()) == timescale && crosses(e.getValue())) {
          markets.add(e.getKey());
        }
      }
    }
    List<ClearingRecord> out = new ArrayList<>();
    if (markets.isEmpty()) {
      return out;
    }
    // one reading of the clock for the epoch's auctions (each is cut off after the one before)
    long cutoffClock = cutoffClockMillis.getAsLong();
    for (MarketKey m : markets) {
      out.addAll(clear(m, cutoffClock));
    }
    return out;
  }

  /**
   * Clears {@code market} now if it crosses (a near-RT market on an arriving order); the clearing's
   * parts, none when it does not trade.
   */
  public List<ClearingRecord> clearIfCrossing(MarketKey market) {
    synchronized (this) {
      OrderBook book = books.get(market);
      if (book == null || !crosses(book)) {
        return List.of();
      }
    }
    return clear(market, cutoffClockMillis.getAsLong());
  }

  private static boolean crosses(OrderBook book) {
    return book.bestBid().isPresent()
        && book.bestAsk().isPresent()
        && book.bestBid().getAsLong() >= book.bestAsk().getAsLong();
  }

  private List<ClearingRecord> clear(MarketKey market, long cutoffClock) {
    String refusal = gate.refusal(market);
    if (refusal != null) {
      LOG.debug("market {} does not clear: {}", market, refusal);
      return List.of();
    }
    List<ClearingRecord> records;
    Timescale ts = timescale(market);
    synchronized (this) {
      OrderBook book = books.get(market);
      if (book == null || !crosses(book)) {
        return List.of();
      }
      long t0 = System.nanoTime();
      MatchInput full = book.toInput();
      Set<Long> held = new HashSet<>();
      MatchResult result;
      List<List<AuctionParts.Piece>> parts;
      while (true) {
        input.clear();
        for (int i = 0; i < full.size(); i++) {
          if (!held.contains(full.order(i).id())) {
            input.add(full.order(i));
          }
        }
        result = matcher.clear(input);
        if (!result.traded()) {
          return List.of();
        }
        var validation = MatchValidator.validate(input, result);
        if (!validation.isValid()) {
          LOG.error(
              "clearing of {} failed validation, not recorded: {}",
              market,
              validation.violations());
          return List.of();
        }
        try {
          parts = split(result);
          break;
        } catch (AuctionParts.TooManyCounterparties e) {
          // Rare: an all-or-none order so large against small ones that no batch holds it whole
          // with its counterparties. It waits for a later auction; this one runs without it.
          long id = result.orderId(e.fill());
          held.add(id);
          LOG.warn(
              "order {} sits out this auction of {}: {}",
              open.get(id).orderHash(),
              market,
              e.getMessage());
        }
      }
      long e = epoch.incrementAndGet();
      long now = System.currentTimeMillis();
      long cutoff = stamp(cutoffClock);
      AuctionBook auctionBook = book(market, result);
      List<ClearingLog.NewClearing> newClearings = new ArrayList<>();
      // what each order has matched so far: the book's copy of a record may predate earlier
      // partial fills (the log has them), and an order split over two parts counts the first
      Map<Long, Long> matchedSoFar = new HashMap<>();
      long clearingId = lastClearingId;
      for (List<AuctionParts.Piece> part : parts) {
        clearingId++;
        List<NewFill> fills = new ArrayList<>();
        for (AuctionParts.Piece piece : part) {
          long id = result.orderId(piece.fill());
          OrderRecord r = open.get(id);
          Order o = r.order().order();
          String receipt = null;
          if (ts == Timescale.NEAR_RT) {
            long before =
                matchedSoFar.computeIfAbsent(
                    id,
                    k -> log.order(r.orderHash()).map(OrderRecord::matched).orElse(r.matched()));
            matchedSoFar.put(id, before + piece.quantity());
            receipt =
                receipts.receipt(
                    r, piece.quantity(), before + piece.quantity(), result.price(), clearingId, ts);
          }
          fills.add(new NewFill(r.orderHash(), o.maker(), o.side(), piece.quantity(), receipt));
        }
        newClearings.add(
            new ClearingLog.NewClearing(
                clearingId, market, result.price(), e, cutoff, auctionBook, fills, now));
      }
      records = log.recordClearings(newClearings);
      lastClearingId = clearingId;
      book.apply(result);
      for (int i = 0; i < result.fillCount(); i++) {
        long id = result.orderId(i);
        if (book.find(id).isEmpty()) {
          OrderRecord done = open.remove(id);
          if (done != null) {
            bookIds.remove(done.orderHash());
          }
        }
      }
      lastPrice.put(market, result.price());
      LOG.debug(
          "cleared {} at {}: {} fills in {} parts, {} µs",
          market,
          result.price(),
          result.fillCount(),
          parts.size(),
          (System.nanoTime() - t0) / 1000);
    }
    for (ClearingRecord r : records) {
      listener.cleared(r, ts);
    }
    return records;
  }

  /**
   * The auction's book, laid out as the published rule reads it ({@link AuctionBook}): the filled
   * bids and the filled asks, each in rank order, then every other order accepted into {@code
   * market} so far (booked or not: a cancelled or expired order keeps its leaf). Each leaf shows
   * the limit the auction saw, the order's sequence, what of it was unsettled at the cut-off as far
   * as the engine knows, and what this auction fills of it.
   */
  private AuctionBook book(MarketKey market, MatchResult result) {
    Map<Bytes32, Long> fillByHash = new HashMap<>();
    for (int i = 0; i < result.fillCount(); i++) {
      fillByHash.merge(open.get(result.orderId(i)).orderHash(), result.quantity(i), Long::sum);
    }
    List<AuctionBook.Leaf> bids = new ArrayList<>();
    List<AuctionBook.Leaf> asks = new ArrayList<>();
    List<AuctionBook.Leaf> rest = new ArrayList<>();
    for (var e : accepted.getOrDefault(market, new LinkedHashMap<>()).entrySet()) {
      Accepted a = e.getValue();
      boolean bid = a.side == Side.BID;
      long fill = fillByHash.getOrDefault(e.getKey(), 0L);
      var leaf =
          new AuctionBook.Leaf(
              e.getKey(),
              bid ? bookedBidLimit(a.limitPrice) : a.limitPrice,
              a.sequence,
              a.unsettled,
              fill);
      (fill == 0 ? rest : bid ? bids : asks).add(leaf);
    }
    bids.sort(AuctionBook.rank(true));
    asks.sort(AuctionBook.rank(false));
    return AuctionBook.of(bids, asks, rest, rules.tickSize());
  }

  private List<List<AuctionParts.Piece>> split(MatchResult result) {
    int n = result.fillCount();
    long[] quantity = new long[n];
    boolean[] bid = new boolean[n];
    boolean[] allOrNone = new boolean[n];
    for (int i = 0; i < n; i++) {
      quantity[i] = result.quantity(i);
      bid[i] = result.side(i) == Side.BID;
      allOrNone[i] = !open.get(result.orderId(i)).order().order().partialFill();
    }
    return AuctionParts.split(quantity, bid, allOrNone, partFills);
  }

  /** Aggregated open quantity per price level, best first, on each side. */
  public synchronized DepthView depth(MarketKey market, int levels) {
    OrderBook book = books.get(market);
    return new DepthView(
        market,
        timescale(market).wire(),
        book == null ? List.of() : levels(book.depth(Side.BID, levels)),
        book == null ? List.of() : levels(book.depth(Side.ASK, levels)),
        lastPrice.get(market));
  }

  private static List<org.spectrumledger.broker.api.DepthLevel> levels(List<DepthLevel> depth) {
    List<org.spectrumledger.broker.api.DepthLevel> out = new ArrayList<>();
    for (DepthLevel l : depth) {
      out.add(new org.spectrumledger.broker.api.DepthLevel(l.price(), l.quantity(), l.orders()));
    }
    return out;
  }

  /**
   * Markets as the public sees them, in market order: a lit market ({@code lit} true) with open
   * orders or a last price, with its best prices; a sealed one only once it has a last price, and
   * with nothing of its book (read from the last prices alone: the answer does not depend on what a
   * sealed book holds, and a sealed book is never read for it).
   */
  public synchronized List<MarketSummary> markets(java.util.function.Predicate<MarketKey> lit) {
    List<MarketSummary> out = new ArrayList<>();
    for (var e : lastPrice.entrySet()) {
      MarketKey m = e.getKey();
      if (!lit.test(m)) {
        out.add(summary(m, false, null, null, null, e.getValue()));
      } else if (!books.containsKey(m)) {
        // traded, and nothing open since (after a restart, no book was made for it)
        out.add(summary(m, true, 0, null, null, e.getValue()));
      }
    }
    for (var e : books.entrySet()) {
      MarketKey m = e.getKey();
      OrderBook b = e.getValue();
      if (!lit.test(m) || (b.size() == 0 && !lastPrice.containsKey(m))) {
        continue;
      }
      out.add(
          summary(
              m,
              true,
              b.size(),
              b.bestBid().isPresent() ? b.bestBid().getAsLong() : null,
              b.bestAsk().isPresent() ? b.bestAsk().getAsLong() : null,
              lastPrice.get(m)));
    }
    out.sort(MARKET_ORDER);
    return out;
  }

  private static final Comparator<MarketSummary> MARKET_ORDER =
      Comparator.comparingLong((MarketSummary s) -> s.market().band())
          .thenComparing(s -> s.market().cell(), Long::compareUnsigned)
          .thenComparingLong(s -> s.market().slotStart())
          .thenComparingLong(s -> s.market().slotEnd());

  private MarketSummary summary(
      MarketKey m, boolean lit, Integer open, Long bestBid, Long bestAsk, Long last) {
    return new MarketSummary(
        m,
        m.band(),
        new CellId(m.cell()).toString(),
        m.slotStart(),
        m.slotEnd(),
        timescale(m).wire(),
        lit,
        open,
        bestBid,
        bestAsk,
        last);
  }

  /**
   * Drops books of markets whose slot has ended and that hold nothing, and their last prices (the
   * market list would otherwise grow by every market ever traded).
   */
  public synchronized void prune(long now) {
    books.entrySet().removeIf(e -> e.getKey().slotEnd() <= now && e.getValue().size() == 0);
    accepted.keySet().removeIf(m -> m.slotEnd() <= now && !books.containsKey(m));
    lastPrice.keySet().removeIf(m -> m.slotEnd() <= now && !books.containsKey(m));
  }

  /** Takes the last prices a restarted broker read from its store ({@code BrokerStore}). */
  public synchronized void restoreLastPrices(Map<MarketKey, Long> prices) {
    prices.forEach(lastPrice::putIfAbsent);
  }
}

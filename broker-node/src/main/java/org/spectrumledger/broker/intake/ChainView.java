package org.spectrumledger.broker.intake;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;

/**
 * The chain state intake checks orders against, cached: operators, escrow and pending withdrawals,
 * holdings per market, minimum nonces, whether a market may trade, the chain's clock and the fee.
 * Every value but the market verdicts changes on chain only with an event that names it (a deposit,
 * a settled trade, a licence, a cancellation), and is dropped at once when the broker's event
 * stream delivers that event: those values are kept for {@code stateTtl} (a minute in a running
 * broker), a safety net only, so a busy broker does not read each trading maker's state from the
 * node again and again. A cancellation that takes effect later ({@code NoncesInvalidated} with an
 * {@code effectiveAt}) is dropped again when the chain's clock reaches that time. Whether a market
 * may trade also depends on time (a sensing report ages), so market verdicts keep the short {@code
 * ttl}; so does the clock, which is read at least once a second: with the node gone, intake refuses
 * orders within a second however fresh the rest of the cache is.
 *
 * <p>The caches are Caffeine's: each holds at most {@code maxEntries} entries (the least useful go
 * first), so a flood of orders from made-up makers or markets cannot grow the broker's memory. A
 * value is loaded once however many threads ask for it at the same moment (the others wait for that
 * load), which matters most for the clock and the fee, read by every order and every epoch. An
 * event that invalidates an entry while it is being loaded waits for the load and then drops it, so
 * a value read before the change is not kept after it.
 */
public final class ChainView implements IntakeChain {

  /** Entries each cache holds at most in a running broker. */
  public static final long MAX_ENTRIES = 100_000;

  /** The chain reads the view caches (a {@link LedgerClient} in a running broker). */
  public interface Source {
    OperatorInfo operatorInfo(Address operator);

    BigInteger escrowOf(Address operator);

    long minValidNonce(Address maker);

    long holdings(Address operator, MarketKey market);

    BandInfo bandInfo(long band);

    List<ProtectionZone> protectionZones(long band, long cell);

    SensingReport sensingReport(long band, long cell);

    long chainTime();

    int feeBps();

    /** {@code chain}'s reads. */
    static Source of(LedgerClient chain) {
      return new Source() {
        @Override
        public OperatorInfo operatorInfo(Address operator) {
          return chain.policy().operatorInfo(operator);
        }

        @Override
        public BigInteger escrowOf(Address operator) {
          return chain.exchange().escrowOf(operator);
        }

        @Override
        public long minValidNonce(Address maker) {
          return chain.exchange().minValidNonce(maker);
        }

        @Override
        public long holdings(Address operator, MarketKey market) {
          return chain.exchange().holdings(operator, market);
        }

        @Override
        public BandInfo bandInfo(long band) {
          return chain.policy().bandInfo(band);
        }

        @Override
        public List<ProtectionZone> protectionZones(long band, long cell) {
          return chain.policy().protectionZones(band, cell);
        }

        @Override
        public SensingReport sensingReport(long band, long cell) {
          return chain.policy().sensingReport(band, cell);
        }

        @Override
        public long chainTime() {
          return chain.chainTime();
        }

        @Override
        public int feeBps() {
          return chain.exchange().feeBps();
        }
      };
    }
  }

  private record Holding(Address operator, MarketKey market) {}

  private record ClockReading(long chainSeconds, long readAtNanos) {}

  /** The key of the caches that hold one value. */
  private enum Only {
    VALUE
  }

  private static final Duration CLOCK_TTL = Duration.ofSeconds(1);

  private final Source chain;
  private final LongSupplier nanoTime;
  private final Executor refresher;
  private final LoadingCache<Address, OperatorInfo> operators;
  private final LoadingCache<Address, BigInteger> spendable;
  private final LoadingCache<Address, Long> minNonces;
  private final LoadingCache<Holding, Long> holdings;
  private final LoadingCache<MarketKey, MarketVerdict> marketVerdicts;
  private final LoadingCache<Only, ClockReading> clock;
  private final LoadingCache<Only, Integer> fee;

  /** Makers with a nonce cancellation that takes effect later, and when (chain seconds). */
  private final java.util.concurrent.ConcurrentHashMap<Address, Long> laterNonceChanges =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Reads in the second half of an entry's life refresh it on a virtual thread, so the order that
   * would find it expired does not wait for the node (a cached maker is read again about once a
   * second while it trades, never waited for).
   */
  public ChainView(LedgerClient chain, long ttlMillis, long stateTtlMillis) {
    this(
        Source.of(chain),
        System::nanoTime,
        ttlMillis,
        stateTtlMillis,
        MAX_ENTRIES,
        Executors.newVirtualThreadPerTaskExecutor());
  }

  /** A view that reads an entry again only once it has expired, every entry after {@code ttl}. */
  public ChainView(Source chain, LongSupplier nanoTime, long ttlMillis, long maxEntries) {
    this(chain, nanoTime, ttlMillis, ttlMillis, maxEntries, null);
  }

  /** A view whose every entry lives {@code ttlMillis}. */
  public ChainView(
      Source chain, LongSupplier nanoTime, long ttlMillis, long maxEntries, Executor refresher) {
    this(chain, nanoTime, ttlMillis, ttlMillis, maxEntries, refresher);
  }

  /**
   * @param chain where values are read from
   * @param nanoTime the clock entries expire by (nanoseconds, any origin)
   * @param ttlMillis how long a market verdict is kept after it was read, at most (the chain's
   *     clock: 1 s)
   * @param stateTtlMillis how long a value that events invalidate is kept after it was read, at
   *     most
   * @param maxEntries entries each cache holds at most
   * @param refresher null to read an entry again only when it has expired; otherwise where an entry
   *     read after half its time to live is read again in the background, the caller getting the
   *     cached value (never older than the time to live: entries still expire). A refresh that an
   *     event overtakes is dropped.
   */
  public ChainView(
      Source chain,
      LongSupplier nanoTime,
      long ttlMillis,
      long stateTtlMillis,
      long maxEntries,
      Executor refresher) {
    if (ttlMillis <= 0 || stateTtlMillis <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("the time to live and the size must be positive");
    }
    this.chain = chain;
    this.nanoTime = nanoTime;
    this.refresher = refresher;
    Duration ttl = Duration.ofMillis(ttlMillis);
    Duration stateTtl = Duration.ofMillis(stateTtlMillis);
    this.operators = cache(stateTtl, maxEntries).build(droppedWhenAway(chain::operatorInfo));
    this.spendable = cache(stateTtl, maxEntries).build(droppedWhenAway(chain::escrowOf));
    this.minNonces = cache(stateTtl, maxEntries).build(droppedWhenAway(chain::minValidNonce));
    this.holdings =
        cache(stateTtl, maxEntries)
            .build(droppedWhenAway(h -> chain.holdings(h.operator(), h.market())));
    this.marketVerdicts = cache(ttl, maxEntries).build(droppedWhenAway(this::loadMarketRefusal));
    this.clock =
        cache(CLOCK_TTL, 1)
            .build(droppedWhenAway(k -> new ClockReading(chain.chainTime(), nanoTime.getAsLong())));
    this.fee = cache(stateTtl, 1).build(droppedWhenAway(k -> chain.feeBps()));
  }

  /**
   * A loader whose background refresh, when the node cannot be reached or its chain has not the
   * deployment's contracts (restarted under the broker), drops the entry: the next read asks the
   * node itself and its caller hears that the chain is away. (A refresh that threw would keep the
   * old value to its expiry, and the cache would log the failure with its stack trace, several a
   * second for as long as the node is gone.)
   */
  private static <K, V> CacheLoader<K, V> droppedWhenAway(CacheLoader<K, V> load) {
    return new CacheLoader<>() {
      @Override
      public V load(K key) throws Exception {
        return load.load(key);
      }

      @Override
      public V reload(K key, V oldValue) throws Exception {
        try {
          return load.load(key);
        } catch (LedgerUnavailableException | NoContractException e) {
          return null;
        }
      }
    };
  }

  private Caffeine<Object, Object> cache(Duration ttl, long maxEntries) {
    Caffeine<Object, Object> c =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(ttl)
            .ticker(nanoTime::getAsLong);
    if (refresher == null) {
      // maintenance (eviction, expiry) on the caller's thread: no pool thread for it
      return c.executor(Runnable::run);
    }
    return c.refreshAfterWrite(ttl.dividedBy(2)).executor(refresher);
  }

  public OperatorInfo operator(Address a) {
    return operators.get(a);
  }

  /**
   * The free escrow: what settlement can count on for bids matched from now on. An amount set aside
   * for a withdrawal is not in it (settlement may spend that only for bids matched before the
   * request, while its window is open).
   */
  public BigInteger spendableEscrow(Address a) {
    return spendable.get(a);
  }

  public long minValidNonce(Address a) {
    if (!laterNonceChanges.isEmpty()) {
      Long at = laterNonceChanges.get(a);
      if (at != null && chainTime() >= at && laterNonceChanges.remove(a, at)) {
        minNonces.invalidate(a);
      }
    }
    return minNonces.get(a);
  }

  public long holdings(Address a, MarketKey m) {
    return holdings.get(new Holding(a, m));
  }

  /**
   * Whether a market may trade: "" when it may, otherwise why not; {@code noSuchMarket} when its
   * band was never registered, as against a market that cannot trade for now or as its key is
   * written (an inactive band, a slot off a grid the regulator may move, a protection zone, no
   * fresh sensing report).
   */
  private record MarketVerdict(String refusal, boolean noSuchMarket) {
    static final MarketVerdict OPEN = new MarketVerdict("", false);
  }

  /** Null when the market may trade, otherwise why not. */
  public String marketRefusal(MarketKey m) {
    String refusal = marketVerdicts.get(m).refusal();
    return refusal.isEmpty() ? null : refusal;
  }

  /**
   * Why no market {@code m} can exist (its band is not registered), or null when it can: read from
   * the chain alone, nothing of any book.
   */
  public String noSuchMarket(MarketKey m) {
    MarketVerdict v = marketVerdicts.get(m);
    return v.noSuchMarket() ? v.refusal() : null;
  }

  private MarketVerdict loadMarketRefusal(MarketKey m) {
    BandInfo band = chain.bandInfo(m.band());
    if (!band.registered()) {
      return new MarketVerdict("band " + m.band() + " is not registered", true);
    }
    if (!band.active()) {
      return new MarketVerdict("band " + m.band() + " is inactive", false);
    }
    if (!band.onGrid(m.slotStart(), m.slotEnd())) {
      return new MarketVerdict(
          "slot ["
              + m.slotStart()
              + ", "
              + m.slotEnd()
              + ") is off band "
              + m.band()
              + "'s grid of "
              + band.grid().stepAt(m.slotStart())
              + " s",
          false);
    }
    for (ProtectionZone z : chain.protectionZones(m.band(), m.cell())) {
      if (z.overlaps(m)) {
        return new MarketVerdict(
            "protection zone " + z.id() + " covers [" + z.from() + ", " + z.until() + ")", false);
      }
    }
    if (band.sensingRequired()) {
      SensingReport r = chain.sensingReport(m.band(), m.cell());
      String refusal = r.refusal(m.slotStart(), chainTime(), band.maxReportAge());
      if (refusal != null) {
        return new MarketVerdict(refusal, false);
      }
    }
    return MarketVerdict.OPEN;
  }

  /** The chain's clock: read at most once a second, counted forward by the local clock between. */
  public long chainTime() {
    ClockReading r = clock.get(Only.VALUE);
    return r.chainSeconds() + (nanoTime.getAsLong() - r.readAtNanos()) / 1_000_000_000L;
  }

  public int feeBps() {
    return fee.get(Only.VALUE);
  }

  /** Forgets every market verdict (the chain refused a market's clearing). */
  public void invalidateMarkets() {
    marketVerdicts.invalidateAll();
  }

  /** Drops whatever {@code event} changed. */
  public void onEvent(ChainEvent event) {
    switch (event) {
      case ChainEvent.OperatorRegistered e -> operators.invalidate(e.operator());
      case ChainEvent.OperatorSuspensionChanged e -> operators.invalidate(e.operator());
      case ChainEvent.Deposited e -> spendable.invalidate(e.operator());
      case ChainEvent.Withdrawn e -> spendable.invalidate(e.operator());
      case ChainEvent.WithdrawalRequested e -> spendable.invalidate(e.operator());
      case ChainEvent.WithdrawalCancelled e -> spendable.invalidate(e.operator());
      case ChainEvent.TradeSettled e -> {
        spendable.invalidate(e.maker());
        holdings.invalidate(new Holding(e.maker(), e.market()));
      }
      case ChainEvent.LicenceGranted e ->
          holdings.invalidateAll(
              holdings.asMap().keySet().stream()
                  .filter(h -> h.operator().equals(e.operator()))
                  .toList());
      case ChainEvent.NoncesInvalidated e -> {
        minNonces.invalidate(e.maker());
        // the exchange keeps one pending cancellation a maker: a later one replaces it
        if (e.effectiveAt() > 0) {
          laterNonceChanges.put(e.maker(), e.effectiveAt());
        } else {
          laterNonceChanges.remove(e.maker());
        }
      }
      case ChainEvent.MarketRulesChanged e -> {
        marketVerdicts.invalidateAll();
        if (!e.what().equals("SensingReported")) {
          // a band's grid decides which licences count for a market
          holdings.invalidateAll();
        }
      }
      case ChainEvent.FeeChanged e -> fee.invalidateAll();
      default -> {}
    }
  }
}

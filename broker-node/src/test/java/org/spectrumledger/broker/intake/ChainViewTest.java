package org.spectrumledger.broker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ChainEvent;
import org.spectrumledger.ledger.EventPosition;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SlotGrid;

class ChainViewTest {

  private static final long TTL_MILLIS = 2_000;
  private static final Address A = Address.of("0x" + "aa".repeat(20));
  private static final Address B = Address.of("0x" + "bb".repeat(20));
  private static final MarketKey M1 = new MarketKey(4, 7, 3600, 7200);
  private static final MarketKey M2 = new MarketKey(4, 7, 7200, 10800);

  /** A chain whose every read is counted; values change when the test says so. */
  private static final class CountingChain implements ChainView.Source {
    final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    final Map<Address, BigInteger> escrow = new ConcurrentHashMap<>();
    volatile long time = 1_700_000_000;
    volatile int feeBps = 30;
    volatile long minNonce;
    volatile boolean bandActive = true;
    volatile CountDownLatch clockGate = new CountDownLatch(0);
    volatile boolean away;
    volatile boolean contractsGone;

    int reads(String what) {
      return reads.getOrDefault(what, new AtomicInteger()).get();
    }

    private void read(String what) {
      reads.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public OperatorInfo operatorInfo(Address operator) {
      read("operator");
      return new OperatorInfo(operator, OperatorKind.MICRO_OPERATOR, true, false, 1, "op");
    }

    @Override
    public BigInteger escrowOf(Address operator) {
      read("escrow");
      if (away) {
        throw new LedgerUnavailableException("the node at http://127.0.0.1:1 is down", null);
      }
      return escrow.getOrDefault(operator, BigInteger.ZERO);
    }

    @Override
    public long minValidNonce(Address maker) {
      read("nonce");
      return minNonce;
    }

    @Override
    public long holdings(Address operator, MarketKey market) {
      read("holdings");
      return 24_000;
    }

    @Override
    public BandInfo bandInfo(long band) {
      read("band");
      if (contractsGone) {
        throw new NoContractException(
            "SpectrumPolicy", A, "http://127.0.0.1:1", new RuntimeException("Empty value (0x)"));
      }
      return new BandInfo(band, 1, 2, false, 0, bandActive, new SlotGrid(3600, 0, 0, 0, 0));
    }

    @Override
    public List<ProtectionZone> protectionZones(long band, long cell) {
      return List.of();
    }

    @Override
    public SensingReport sensingReport(long band, long cell) {
      throw new AssertionError("no band here needs sensing");
    }

    @Override
    public long chainTime() {
      read("clock");
      try {
        clockGate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return time;
    }

    @Override
    public int feeBps() {
      read("fee");
      return feeBps;
    }
  }

  private static final EventPosition AT = new EventPosition(1, 0, Bytes32.wrap(new byte[32]));

  @Test
  void aValueIsReadOnceUntilItExpires() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 100);
    chain.escrow.put(A, BigInteger.TEN);

    assertThat(view.spendableEscrow(A)).isEqualTo(BigInteger.TEN);
    chain.escrow.put(A, BigInteger.TWO);
    nanos.addAndGet(TTL_MILLIS * 1_000_000 - 1);
    assertThat(view.spendableEscrow(A)).as("still fresh").isEqualTo(BigInteger.TEN);
    assertThat(chain.reads("escrow")).isEqualTo(1);

    nanos.addAndGet(1);
    assertThat(view.spendableEscrow(A)).as("expired: read again").isEqualTo(BigInteger.TWO);
    assertThat(chain.reads("escrow")).isEqualTo(2);
  }

  @Test
  void aRefreshingViewReadsAValueAgainAfterHalfItsLifeWithoutMakingTheCallerWait() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    List<Runnable> background = new ArrayList<>();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 100, background::add);
    chain.escrow.put(A, BigInteger.TEN);

    assertThat(view.spendableEscrow(A)).isEqualTo(BigInteger.TEN);
    nanos.addAndGet(TTL_MILLIS * 1_000_000 / 2 - 1);
    assertThat(view.spendableEscrow(A)).as("young: not read again").isEqualTo(BigInteger.TEN);
    runAll(background);
    assertThat(chain.reads("escrow")).isEqualTo(1);

    chain.escrow.put(A, BigInteger.TWO);
    nanos.addAndGet(2);
    assertThat(view.spendableEscrow(A)).as("the cached value at once").isEqualTo(BigInteger.TEN);
    assertThat(chain.reads("escrow")).as("not read on the caller's thread").isEqualTo(1);
    runAll(background);
    assertThat(chain.reads("escrow")).isEqualTo(2);
    assertThat(view.spendableEscrow(A)).as("the refreshed value").isEqualTo(BigInteger.TWO);

    // an entry nobody reads still expires after its time to live, and is then read by the caller
    chain.escrow.put(A, BigInteger.ONE);
    nanos.addAndGet(TTL_MILLIS * 1_000_000);
    assertThat(view.spendableEscrow(A)).as("expired: read again").isEqualTo(BigInteger.ONE);
  }

  @Test
  void aRefreshThatFindsTheNodeAwayDropsTheValueQuietlyAndTheNextReadAsksTheNode() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    List<Runnable> background = new ArrayList<>();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 100, background::add);
    chain.escrow.put(A, BigInteger.TEN);
    // the cache's own log (java.util.logging): a failed refresh is written there with its trace
    List<LogRecord> cacheLog = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            cacheLog.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger caffeine = Logger.getLogger("com.github.benmanes.caffeine.cache");
    caffeine.addHandler(handler);
    try {
      assertThat(view.spendableEscrow(A)).isEqualTo(BigInteger.TEN);
      chain.away = true;
      nanos.addAndGet(TTL_MILLIS * 1_000_000 / 2 + 1);
      assertThat(view.spendableEscrow(A)).as("the cached value at once").isEqualTo(BigInteger.TEN);
      runAll(background);
      assertThat(chain.reads("escrow")).as("refreshed in the background").isEqualTo(2);
      assertThat(cacheLog).as("nothing in the cache's log").isEmpty();

      // the value could not be confirmed: it is gone, well before its time to live is up
      assertThatThrownBy(() -> view.spendableEscrow(A))
          .isInstanceOf(LedgerUnavailableException.class);
      assertThat(chain.reads("escrow")).isEqualTo(3);

      chain.away = false;
      chain.escrow.put(A, BigInteger.TWO);
      assertThat(view.spendableEscrow(A))
          .as("read again once it is back")
          .isEqualTo(BigInteger.TWO);
    } finally {
      caffeine.removeHandler(handler);
    }
  }

  @Test
  void aRefreshThatFindsTheContractsGoneDropsTheVerdictQuietlyAndTheNextReadSaysSo() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    List<Runnable> background = new ArrayList<>();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 100, background::add);
    List<LogRecord> cacheLog = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            cacheLog.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger caffeine = Logger.getLogger("com.github.benmanes.caffeine.cache");
    caffeine.addHandler(handler);
    try {
      assertThat(view.marketRefusal(M1)).isNull();
      chain.contractsGone = true; // the chain restarted under the broker
      nanos.addAndGet(TTL_MILLIS * 1_000_000 / 2 + 1);
      assertThat(view.marketRefusal(M1)).as("the cached verdict at once").isNull();
      runAll(background);
      assertThat(chain.reads("band")).as("refreshed in the background").isEqualTo(2);
      assertThat(cacheLog).as("nothing in the cache's log").isEmpty();

      assertThatThrownBy(() -> view.marketRefusal(M1)).isInstanceOf(NoContractException.class);

      chain.contractsGone = false;
      assertThat(view.marketRefusal(M1)).as("read again once they are back").isNull();
    } finally {
      caffeine.removeHandler(handler);
    }
  }

  @Test
  void valuesThatEventsChangeOutliveTheMarketVerdictsUntilAnEventDropsThem() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 60_000, 100, null);
    chain.escrow.put(A, BigInteger.TEN);
    view.spendableEscrow(A);
    view.operator(A);
    view.holdings(A, M1);
    view.minValidNonce(A);
    view.marketRefusal(M1);

    nanos.addAndGet(10_000_000_000L);
    chain.escrow.put(A, BigInteger.TWO);
    assertThat(view.spendableEscrow(A))
        .as("no event yet: the cached value")
        .isEqualTo(BigInteger.TEN);
    view.operator(A);
    view.holdings(A, M1);
    view.minValidNonce(A);
    view.marketRefusal(M1);
    assertThat(chain.reads("escrow") + chain.reads("operator") + chain.reads("holdings"))
        .as("ten seconds on, none of them read again")
        .isEqualTo(3);
    assertThat(chain.reads("nonce")).isEqualTo(1);
    assertThat(chain.reads("band")).as("a market verdict ages with the clock").isEqualTo(2);

    view.onEvent(new ChainEvent.Deposited(AT, A, BigInteger.ONE, BigInteger.TWO));
    assertThat(view.spendableEscrow(A)).isEqualTo(BigInteger.TWO);

    // a band's new grid may change which licences count: holdings are read again
    view.onEvent(new ChainEvent.MarketRulesChanged(AT, "BandSlotGridSet", 4));
    view.holdings(A, M1);
    assertThat(chain.reads("holdings")).isEqualTo(2);
    view.onEvent(new ChainEvent.MarketRulesChanged(AT, "SensingReported", 4));
    view.holdings(A, M1);
    assertThat(chain.reads("holdings")).as("a sensing report leaves them").isEqualTo(2);

    // and the safety net: a minute on, everything is read again
    nanos.addAndGet(60_000_000_000L);
    view.operator(A);
    assertThat(chain.reads("operator")).isEqualTo(2);
  }

  @Test
  void aCancellationThatTakesEffectLaterIsReadAgainWhenTheChainReachesItsTime() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 60_000, 100, null);
    assertThat(view.minValidNonce(A)).isZero();

    // cancelUpTo(5) at t, in force from t + 30: the exchange still reads 0 until then
    long effectiveAt = chain.time + 30;
    view.onEvent(new ChainEvent.NoncesInvalidated(AT, A, 5, effectiveAt));
    assertThat(view.minValidNonce(A)).isZero();
    assertThat(chain.reads("nonce")).isEqualTo(2);
    nanos.addAndGet(29_000_000_000L);
    chain.time += 29;
    assertThat(view.minValidNonce(A)).as("not yet in force: cached").isZero();
    assertThat(chain.reads("nonce")).isEqualTo(2);

    nanos.addAndGet(1_000_000_000L);
    chain.time += 1;
    chain.minNonce = 5;
    assertThat(view.minValidNonce(A)).as("in force: read again").isEqualTo(5);
    assertThat(view.minValidNonce(A)).isEqualTo(5);
    assertThat(chain.reads("nonce")).as("once").isEqualTo(3);
  }

  private static void runAll(List<Runnable> tasks) {
    while (!tasks.isEmpty()) {
      tasks.remove(0).run();
    }
  }

  @Test
  void eachCacheHoldsAtMostItsMaximumSize() {
    CountingChain chain = new CountingChain();
    ChainView view = new ChainView(chain, () -> 0, TTL_MILLIS, 10);
    List<Address> makers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      makers.add(Address.of(String.format("0x%040x", i + 1)));
    }
    for (Address m : makers) {
      view.minValidNonce(m);
    }
    assertThat(chain.reads("nonce")).isEqualTo(50);
    for (Address m : makers) {
      view.minValidNonce(m);
    }
    // at most 10 of the 50 were still cached, so at least 40 were read again
    assertThat(chain.reads("nonce")).isGreaterThanOrEqualTo(90);
  }

  @Test
  void anEventDropsWhatItChangedAndNothingElse() {
    CountingChain chain = new CountingChain();
    ChainView view = new ChainView(chain, () -> 0, TTL_MILLIS, 100);
    chain.escrow.put(A, BigInteger.TEN);
    chain.escrow.put(B, BigInteger.ONE);
    view.spendableEscrow(A);
    view.spendableEscrow(B);
    view.holdings(A, M1);
    view.holdings(A, M2);
    view.holdings(B, M1);
    view.operator(A);
    view.minValidNonce(A);

    chain.escrow.put(A, BigInteger.TWO);
    view.onEvent(new ChainEvent.Deposited(AT, A, BigInteger.ONE, BigInteger.TWO));
    assertThat(view.spendableEscrow(A)).isEqualTo(BigInteger.TWO);
    assertThat(view.spendableEscrow(B)).isEqualTo(BigInteger.ONE);
    assertThat(chain.reads("escrow")).as("only A's escrow read again").isEqualTo(3);

    view.onEvent(new ChainEvent.LicenceGranted(AT, A, 4, M1.cell(), 1_000, 0, 1));
    view.holdings(A, M1);
    view.holdings(A, M2);
    view.holdings(B, M1);
    assertThat(chain.reads("holdings")).as("A's holdings in every market read again").isEqualTo(5);

    view.onEvent(
        new ChainEvent.TradeSettled(
            AT, M1, B, Bytes32.wrap(new byte[32]), Side.BID, 1_000, 1, BigInteger.ONE));
    view.holdings(B, M1);
    view.holdings(A, M1);
    view.spendableEscrow(B);
    assertThat(chain.reads("holdings")).as("B's holdings in that market only").isEqualTo(6);
    assertThat(chain.reads("escrow")).isEqualTo(4);

    view.onEvent(new ChainEvent.OperatorSuspensionChanged(AT, A, true));
    view.operator(A);
    view.onEvent(new ChainEvent.NoncesInvalidated(AT, A, 5, 0));
    view.minValidNonce(A);
    assertThat(chain.reads("operator")).isEqualTo(2);
    assertThat(chain.reads("nonce")).isEqualTo(2);
  }

  @Test
  void policyEventsAndARefusedClearingDropEveryMarketVerdict() {
    CountingChain chain = new CountingChain();
    ChainView view = new ChainView(chain, () -> 0, TTL_MILLIS, 100);
    assertThat(view.marketRefusal(M1)).isNull();
    assertThat(view.marketRefusal(M2)).isNull();
    assertThat(chain.reads("band")).isEqualTo(2);

    chain.bandActive = false;
    assertThat(view.marketRefusal(M1)).as("cached").isNull();
    view.onEvent(new ChainEvent.MarketRulesChanged(AT, "BandUpdated", 4));
    assertThat(view.marketRefusal(M1)).isEqualTo("band 4 is inactive");
    assertThat(view.marketRefusal(M2)).isEqualTo("band 4 is inactive");

    chain.bandActive = true;
    view.invalidateMarkets();
    assertThat(view.marketRefusal(M1)).isNull();
    assertThat(chain.reads("band")).isEqualTo(5);
  }

  @Test
  void theFeeIsDroppedWhenItChanges() {
    CountingChain chain = new CountingChain();
    ChainView view = new ChainView(chain, () -> 0, TTL_MILLIS, 100);
    assertThat(view.feeBps()).isEqualTo(30);
    chain.feeBps = 45;
    assertThat(view.feeBps()).isEqualTo(30);
    view.onEvent(new ChainEvent.FeeChanged(AT, 45));
    assertThat(view.feeBps()).isEqualTo(45);
    assertThat(chain.reads("fee")).isEqualTo(2);
  }

  @Test
  void theChainClockIsReadOnceASecondAndCountedForwardBetween() {
    CountingChain chain = new CountingChain();
    AtomicLong nanos = new AtomicLong();
    ChainView view = new ChainView(chain, nanos::get, TTL_MILLIS, 100);
    assertThat(view.chainTime()).isEqualTo(1_700_000_000);
    nanos.addAndGet(999_999_999);
    assertThat(view.chainTime()).isEqualTo(1_700_000_000);
    nanos.addAndGet(1);
    chain.time = 1_700_000_005;
    assertThat(view.chainTime()).as("a second on: read again").isEqualTo(1_700_000_005);
    assertThat(chain.reads("clock")).isEqualTo(2);
  }

  @Test
  void callersThatAskForTheClockDuringALoadWaitForThatLoad() throws Exception {
    CountingChain chain = new CountingChain();
    ChainView view = new ChainView(chain, () -> 0, TTL_MILLIS, 100);
    CountDownLatch gate = new CountDownLatch(1);
    chain.clockGate = gate;
    long[] seen = new long[4];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < seen.length; i++) {
      int n = i;
      threads.add(Thread.ofPlatform().start(() -> seen[n] = view.chainTime()));
    }
    // every caller is parked: one inside the chain read, the others waiting for it
    for (Thread t : threads) {
      while (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW) {
        Thread.onSpinWait();
      }
    }
    gate.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(chain.reads("clock")).isEqualTo(1);
    assertThat(seen).containsOnly(1_700_000_000L);
  }
}

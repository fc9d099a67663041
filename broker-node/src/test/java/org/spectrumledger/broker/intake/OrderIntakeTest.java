package org.spectrumledger.broker.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.OperatorInfo;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;

/**
 * Intake's rules against a chain and a store in memory, each case in milliseconds: what is checked,
 * in which order, what a refusal says, and that nothing is acknowledged before it is durable nor
 * promised twice.
 */
class OrderIntakeTest {

  private static final long NOW = 1_900_000_000L;
  private static final Eip712Domain DOMAIN =
      Eip712Domain.exchange(2018, Address.of("0x00000000000000000000000000000000000e8c4a"));
  private static final MarketKey MARKET = new MarketKey(4, 21, NOW + 3_600, NOW + 7_200);

  private final SigningKey seller = SigningKey.fromPrivateKey("0x" + "0a".repeat(31) + "01");
  private final SigningKey buyer = SigningKey.fromPrivateKey("0x" + "0b".repeat(31) + "02");
  private final SigningKey stranger = SigningKey.fromPrivateKey("0x" + "0c".repeat(31) + "03");
  private final OrderSigner signer = new OrderSigner(DOMAIN);
  private final FakeChain chain = new FakeChain();
  private final MemoryOrderLog log = new MemoryOrderLog();
  private final Exposure exposure = new Exposure();
  private final List<OrderRecord> booked = new CopyOnWriteArrayList<>();
  private Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private long nonce;

  /** The chain as intake sees it: two registered operators, the buyer with escrow. */
  static final class FakeChain implements IntakeChain {
    final Map<Address, OperatorInfo> operators = new HashMap<>();
    final Map<Address, BigInteger> escrow = new HashMap<>();
    final Map<Address, Long> holdings = new HashMap<>();
    final Map<Address, Long> minNonce = new HashMap<>();
    String marketRefusal;
    long time = NOW;
    int fee;
    boolean down;
    boolean contractsGone;

    private void reachable() {
      if (down) {
        throw new LedgerUnavailableException(
            "the node at http://127.0.0.1:8545 does not answer", null);
      }
    }

    @Override
    public OperatorInfo operator(Address maker) {
      reachable();
      return operators.getOrDefault(
          maker, new OperatorInfo(maker, OperatorKind.MOBILE_NETWORK, false, false, 0, ""));
    }

    @Override
    public BigInteger spendableEscrow(Address maker) {
      reachable();
      return escrow.getOrDefault(maker, BigInteger.ZERO);
    }

    @Override
    public long minValidNonce(Address maker) {
      return minNonce.getOrDefault(maker, 0L);
    }

    @Override
    public long holdings(Address maker, MarketKey market) {
      return holdings.getOrDefault(maker, 0L);
    }

    @Override
    public String marketRefusal(MarketKey market) {
      if (contractsGone) {
        // a chain restarted under the broker: the node answers, the policy is not there
        throw new NoContractException(
            "SpectrumPolicy",
            Address.of("0x00000000000000000000000000000000000000aa"),
            "http://127.0.0.1:8545",
            new RuntimeException("Empty value (0x) returned from contract"));
      }
      return marketRefusal;
    }

    @Override
    public long chainTime() {
      reachable();
      return time;
    }

    @Override
    public int feeBps() {
      return fee;
    }
  }

  /** A store that keeps orders in a map; it can be told to fail. */
  static final class MemoryOrderLog implements OrderLog {
    final Map<String, OrderRecord> stored = new ConcurrentHashMap<>();
    volatile RuntimeException failure;

    @Override
    public long maxSeq() {
      return stored.values().stream().mapToLong(OrderRecord::seq).max().orElse(0);
    }

    @Override
    public Set<String> makerNonces() {
      return new HashSet<>(stored.keySet());
    }

    @Override
    public CompletableFuture<Boolean> insert(OrderRecord r) {
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      String key = r.order().order().maker().hex() + "/" + r.order().order().nonce();
      return CompletableFuture.completedFuture(stored.putIfAbsent(key, r) == null);
    }
  }

  OrderIntakeTest() {
    for (SigningKey k : List.of(seller, buyer)) {
      chain.operators.put(
          k.address(),
          new OperatorInfo(k.address(), OperatorKind.MOBILE_NETWORK, true, false, 1, "op"));
    }
    chain.escrow.put(buyer.address(), BigInteger.valueOf(200_000_000));
    chain.holdings.put(seller.address(), 24_000L);
  }

  private OrderIntake intake() {
    return new OrderIntake(
        signer, chain, log, exposure, IntakeSettings.defaults(), booked::add, clock);
  }

  private SignedOrder signed(SigningKey maker, Side side, long qty, long price, long validUntil) {
    return signer.sign(
        new Order(maker.address(), side, MARKET, qty, price, ++nonce, validUntil, true), maker);
  }

  private SignedOrder bid(long qty) {
    return signed(buyer, Side.BID, qty, 2_000_000, MARKET.slotStart());
  }

  private static Rejection refusal(IntakeResult r) {
    assertThat(r).isInstanceOf(IntakeResult.Refused.class);
    return ((IntakeResult.Refused) r).reason();
  }

  @Test
  void anAcceptedOrderIsDurableAndBookedUnderItsHash() {
    SignedOrder o = bid(1_000);

    IntakeResult r = intake().submit(o, 2018L, DOMAIN.verifyingContract());

    assertThat(r).isInstanceOf(IntakeResult.Accepted.class);
    OrderRecord rec = ((IntakeResult.Accepted) r).order();
    assertThat(rec.orderHash()).isEqualTo(signer.hasher().orderHash(o.order()));
    assertThat(log.stored).containsValue(rec);
    assertThat(booked).containsExactly(rec);
    assertThat(rec.receivedAt()).isEqualTo(NOW * 1_000);
  }

  @Test
  void anOrderForMoreThanAPositionHoldsIsRefusedBeforeAnythingIsStored() {
    // the exchange keeps four operators' positions in one word: 2^32 - 1 milli-SRU each
    IntakeResult tooLarge = intake().submit(bid(4_294_968_000L), null, null);

    assertThat(refusal(tooLarge)).isEqualTo(Rejection.TOO_LARGE);
    assertThat(detail(tooLarge)).contains("4294968").contains("4294967.295");
    assertThat(log.stored).isEmpty();
    IntakeResult largest = intake().submit(bid(4_294_967_000L), null, null);
    assertThat(largest instanceof IntakeResult.Refused r ? r.reason() : null)
        .as("the largest lot a position holds passes this check (the escrow may refuse it)")
        .isNotEqualTo(Rejection.TOO_LARGE);
  }

  @Test
  void openBidsThatWouldTogetherLeaseMoreThanAPositionHoldsAreRefused() {
    chain.escrow.put(buyer.address(), BigInteger.TEN.pow(18));
    assertThat(intake().submit(bid(3_000_000_000L), null, null))
        .isInstanceOf(IntakeResult.Accepted.class);

    IntakeResult second = intake().submit(bid(2_000_000_000L), null, null);

    assertThat(refusal(second)).isEqualTo(Rejection.TOO_LARGE);
    assertThat(detail(second)).contains("would lease 5000000").contains("4294967.295");
    assertThat(intake().submit(bid(1_000_000_000L), null, null))
        .as("what still fits beside the first")
        .isInstanceOf(IntakeResult.Accepted.class);
  }

  private SignedOrder bidIn(MarketKey market, long validUntil) {
    return signer.sign(
        new Order(buyer.address(), Side.BID, market, 1_000, 2_000_000, ++nonce, validUntil, true),
        buyer);
  }

  private static String detail(IntakeResult r) {
    return ((IntakeResult.Refused) r).detail();
  }

  @Test
  void anOrderBeyondTheHorizonIsRefusedAndMillisecondsAreCalledSo() {
    long year = IntakeSettings.DEFAULT_HORIZON_SECONDS;
    // a slot in milliseconds: 57,000 years ahead, it would hold the buyer's escrow meanwhile
    long ms = MARKET.slotStart() * 1_000;
    MarketKey inMillis = new MarketKey(4, 21, ms, ms + 3_600_000);
    IntakeResult slot = intake().submit(bidIn(inMillis, inMillis.slotStart()), null, null);
    assertThat(refusal(slot)).isEqualTo(Rejection.TOO_FAR_AHEAD);
    assertThat(Rejection.TOO_FAR_AHEAD.httpStatus()).isEqualTo(400);
    assertThat(detail(slot))
        .contains("slot starts " + ms)
        .contains("366 days")
        .contains("looks like unix milliseconds")
        .contains("(" + MARKET.slotStart() + ")");

    // the market is next hour's; only its validUntil is in milliseconds
    IntakeResult until = intake().submit(bidIn(MARKET, NOW * 1_000), null, null);
    assertThat(refusal(until)).isEqualTo(Rejection.TOO_FAR_AHEAD);
    assertThat(detail(until)).contains("validUntil " + NOW * 1_000).contains("milliseconds");

    // two years ahead in seconds: too far, but not milliseconds; the whole uint64 too
    MarketKey later = new MarketKey(4, 21, NOW + 2 * year, NOW + 2 * year + 3_600);
    IntakeResult twoYears = intake().submit(bidIn(later, later.slotStart()), null, null);
    assertThat(refusal(twoYears)).isEqualTo(Rejection.TOO_FAR_AHEAD);
    assertThat(detail(twoYears)).doesNotContain("milliseconds");
    IntakeResult forever = intake().submit(bidIn(MARKET, -1L), null, null);
    assertThat(refusal(forever)).isEqualTo(Rejection.TOO_FAR_AHEAD);
    assertThat(detail(forever)).contains("validUntil 18446744073709551615");
    assertThat(log.stored).isEmpty();
    assertThat(exposure.escrowClaimed(buyer.address())).isZero();

    // a slot that starts right at the horizon is taken
    MarketKey edge = new MarketKey(4, 21, NOW + year, NOW + year + 3_600);
    assertThat(intake().submit(bidIn(edge, edge.slotStart()), null, null))
        .isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void theApiDocumentNamesEveryRefusal() {
    String doc = org.spectrumledger.broker.api.OpenApi.document().toString();
    for (Rejection r : Rejection.values()) {
      assertThat(doc).as(r.slug()).contains(r.slug());
    }
  }

  @Test
  void anOrderExpiredByTheWallClockIsRefusedWhileTheChainIsIdle() {
    // No block for ten minutes: the chain's clock says NOW - 600, the wall clock says NOW.
    chain.time = NOW - 600;
    SignedOrder stale = signed(buyer, Side.BID, 1_000, 2_000_000, NOW - 60);

    IntakeResult r = intake().submit(stale, null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.EXPIRED);
    assertThat(((IntakeResult.Refused) r).detail()).contains("past now");
    assertThat(log.stored).isEmpty();
  }

  @Test
  void aChainAheadOfTheWallClockIsTheClockThatCounts() {
    chain.time = NOW + 1_800; // a dev chain moved forward
    SignedOrder o = signed(buyer, Side.BID, 1_000, 2_000_000, NOW + 600);

    assertThat(refusal(intake().submit(o, null, null))).isEqualTo(Rejection.EXPIRED);
  }

  @Test
  void aSignatureOfAnotherKeyIsRefusedNamingWhomItRecoversTo() {
    Order o = new Order(buyer.address(), Side.BID, MARKET, 1_000, 2_000_000, 1, NOW + 600, true);
    SignedOrder forged = new SignedOrder(o, stranger.sign(signer.hasher().digest(o)));

    IntakeResult r = intake().submit(forged, null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(((IntakeResult.Refused) r).detail()).contains(stranger.address().toString());
  }

  @Test
  void anOrderSignedForAnotherChainOrExchangeIsRefused() {
    assertThat(refusal(intake().submit(bid(1_000), 1L, null))).isEqualTo(Rejection.WRONG_DOMAIN);
    assertThat(refusal(intake().submit(bid(1_000), null, stranger.address())))
        .isEqualTo(Rejection.WRONG_DOMAIN);
  }

  @Test
  void unregisteredSuspendedOrCancelledMakersAreRefused() {
    SignedOrder o =
        signer.sign(
            new Order(stranger.address(), Side.BID, MARKET, 1_000, 2_000_000, 1, NOW + 600, true),
            stranger);
    assertThat(refusal(intake().submit(o, null, null))).isEqualTo(Rejection.UNKNOWN_OPERATOR);

    chain.minNonce.put(buyer.address(), 100L);
    assertThat(refusal(intake().submit(bid(1_000), null, null)))
        .isEqualTo(Rejection.NONCE_CANCELLED);

    chain.operators.put(
        buyer.address(),
        new OperatorInfo(buyer.address(), OperatorKind.MOBILE_NETWORK, true, true, 1, "op"));
    assertThat(refusal(intake().submit(bid(1_000), null, null))).isEqualTo(Rejection.SUSPENDED);
  }

  @Test
  void aClosedMarketIsRefusedWithThePolicysReason() {
    chain.marketRefusal = "band 4 is closed by the regulator";

    IntakeResult r = intake().submit(bid(1_000), null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.MARKET_CLOSED);
    assertThat(((IntakeResult.Refused) r).detail()).isEqualTo(chain.marketRefusal);
  }

  @Test
  void bidsCannotPromiseTheSameEscrowTwice() {
    OrderIntake intake = intake();
    // 200,000,000 of escrow pays for 100 SRU at 2,000,000: one bid of 60 SRU and one of 40.
    assertThat(intake.submit(bid(60_000), null, null)).isInstanceOf(IntakeResult.Accepted.class);
    IntakeResult over = intake.submit(bid(40_001), null, null);
    assertThat(refusal(over)).isEqualTo(Rejection.INSUFFICIENT_ESCROW);
    // in the tokens the maker wrote, and in the base units it signed
    assertThat(((IntakeResult.Refused) over).detail())
        .endsWith("; spendable escrow is 200 tokens (200000000 base units)");
    assertThat(intake.submit(bid(40_000), null, null)).isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void concurrentBidsOfOneMakerNeverClaimMoreThanItsEscrow() throws Exception {
    OrderIntake intake = intake();
    List<SignedOrder> bids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      bids.add(bid(1_000)); // 2,000,000 each: 100 fit
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<IntakeResult>> results = new ArrayList<>();
      for (SignedOrder b : bids) {
        results.add(pool.submit(() -> intake.submit(b, null, null)));
      }
      int accepted = 0;
      for (Future<IntakeResult> f : results) {
        if (f.get() instanceof IntakeResult.Accepted) {
          accepted++;
        } else {
          assertThat(refusal(f.get())).isEqualTo(Rejection.INSUFFICIENT_ESCROW);
        }
      }
      assertThat(accepted).isEqualTo(100);
      assertThat(log.stored).hasSize(100);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void asksCannotSellMoreThanTheMakerHolds() {
    OrderIntake intake = intake();
    assertThat(intake.submit(signed(seller, Side.ASK, 20_000, 1_000_000, NOW + 600), null, null))
        .isInstanceOf(IntakeResult.Accepted.class);
    IntakeResult over =
        intake.submit(signed(seller, Side.ASK, 4_001, 1_000_000, NOW + 600), null, null);
    assertThat(refusal(over)).isEqualTo(Rejection.INSUFFICIENT_HOLDINGS);
    assertThat(((IntakeResult.Refused) over).detail())
        .startsWith("open asks with this one sell 24.001 SRU (24001 milli-SRU) of ")
        .endsWith("; holdings are 24 SRU (24000 milli-SRU)");
  }

  @Test
  void aMakerOnBothSidesOfOneMarketIsRefused() {
    chain.escrow.put(seller.address(), BigInteger.valueOf(200_000_000));
    OrderIntake intake = intake();
    intake.submit(signed(seller, Side.ASK, 1_000, 1_000_000, NOW + 600), null, null);

    IntakeResult r =
        intake.submit(signed(seller, Side.BID, 1_000, 2_000_000, NOW + 600), null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.SELF_TRADE);
  }

  @Test
  void aNonceUsedTwiceIsADuplicateEvenAfterARestart() {
    SignedOrder o = bid(1_000);
    intake().submit(o, null, null);

    // A new intake over the same store, as after a restart.
    IntakeResult again = intake().submit(o, null, null);

    assertThat(refusal(again)).isEqualTo(Rejection.DUPLICATE);
  }

  @Test
  void aStoreThatFailsAcknowledgesNothingAndFreesWhatTheOrderClaimed() {
    OrderIntake intake = intake();
    SignedOrder big = bid(100_000); // all the escrow
    log.failure = new IllegalStateException("disk full");

    assertThatThrownBy(() -> intake.submit(big, null, null)).hasMessageContaining("disk full");
    assertThat(booked).isEmpty();

    log.failure = null;
    assertThat(intake.submit(big, null, null)).isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void anOrderStoredIsNeverAnsweredAsNothingStoredWhateverItsBookingThrows() {
    // the node goes away between the checks and the booking (a near-RT crossing reads the chain)
    OrderIntake intake =
        new OrderIntake(
            signer,
            chain,
            log,
            exposure,
            IntakeSettings.defaults(),
            r -> {
              throw new LedgerUnavailableException("the node went away while booking", null);
            },
            clock);

    assertThatThrownBy(() -> intake.submit(bid(1_000), null, null))
        .as("not a chain-unavailable refusal, whose detail says nothing was stored")
        .isInstanceOf(LedgerUnavailableException.class);
    assertThat(log.stored).hasSize(1);
  }

  @Test
  void anUnreachableChainIsSaidSoAndNothingIsStored() {
    chain.down = true;

    IntakeResult r = intake().submit(bid(1_000), null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.CHAIN_UNAVAILABLE);
    assertThat(((IntakeResult.Refused) r).detail())
        .as("plain, without the node's address")
        .contains("cannot reach its ledger node")
        .doesNotContain("http");
    assertThat(log.stored).isEmpty();
  }

  @Test
  void aChainWithoutTheDeploymentsContractsIsSaidSoAsUnavailableAndNothingIsStored() {
    chain.contractsGone = true;

    IntakeResult r = intake().submit(bid(1_000), null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.CHAIN_UNAVAILABLE);
    assertThat(Rejection.CHAIN_UNAVAILABLE.httpStatus()).isEqualTo(503);
    assertThat(((IntakeResult.Refused) r).detail())
        .as("plain, without the node's address or the exception")
        .contains("contracts are not on the chain", "restarted chain", "nothing was stored")
        .doesNotContain("http", "Exception", "Empty value");
    assertThat(log.stored).isEmpty();
    assertThat(booked).isEmpty();

    chain.contractsGone = false;
    assertThat(intake().submit(bid(1_000), null, null))
        .as("the same order once the contracts are back")
        .isInstanceOf(IntakeResult.Accepted.class);
  }

  @Test
  void aBidWhoseLimitCannotCoverOneTickAfterTheFeeIsRefused() {
    chain.fee = 500;

    IntakeResult r = intake().submit(signed(buyer, Side.BID, 1_000, 1_000, NOW + 600), null, null);

    assertThat(refusal(r)).isEqualTo(Rejection.LIMIT_BELOW_FEE);
  }
}

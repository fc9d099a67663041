package org.spectrumledger.broker.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.matching.MarketRules;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * The epoch engine against a clearing log in memory: clearings numbered for the life of the log
 * (restarts included) and named so by every receipt, priority by arrival, auctions split into
 * parts, fee re-booking, and orders taken out of the books. Each runs in milliseconds.
 */
class EpochEngineTest {

  private static final Address SELLER = Address.of("0x00000000000000000000000000000000000000a1");
  private static final Address BUYER = Address.of("0x00000000000000000000000000000000000000b2");
  private static final Address OTHER = Address.of("0x00000000000000000000000000000000000000c3");
  private static final Signature SIG =
      new Signature(Bytes32.of("0x" + "11".repeat(32)), Bytes32.of("0x" + "22".repeat(32)), 27);
  private static final MarketKey NON_RT = new MarketKey(4, 1, 7_200, 10_800);
  private static final MarketKey NEAR_RT = new MarketKey(4, 1, 7_200, 7_260);

  private final InMemoryClearingLog log = new InMemoryClearingLog();
  private final List<ClearingRecord> cleared = new ArrayList<>();
  private final List<Long> receiptClearingIds = new ArrayList<>();
  private final List<long[]> receiptFills = new ArrayList<>();
  private final AtomicInteger fee = new AtomicInteger();
  private long seq;

  private EpochEngine engine(int partFills) {
    return new EpochEngine(
        log,
        MarketRules.UNIT,
        partFills,
        300,
        market -> null,
        (c, ts) -> cleared.add(c),
        (order, quantity, filledAfter, price, clearingId, ts) -> {
          receiptClearingIds.add(clearingId);
          receiptFills.add(new long[] {order.seq(), quantity, filledAfter});
          return "receipt of clearing " + clearingId;
        },
        fee::get,
        System::currentTimeMillis,
        System::currentTimeMillis);
  }

  private OrderRecord order(Address maker, Side side, MarketKey m, long qty, long limit) {
    return order(maker, side, m, qty, limit, true);
  }

  private OrderRecord order(
      Address maker, Side side, MarketKey m, long qty, long limit, boolean partialFill) {
    long s = ++seq;
    Order o = new Order(maker, side, m, qty, limit, s, m.slotStart(), partialFill);
    OrderRecord r =
        new OrderRecord(
            Bytes32.of(String.format("0x%064x", s)),
            new SignedOrder(o, SIG),
            s,
            0,
            OrderState.OPEN,
            0,
            0,
            null);
    log.put(r);
    return r;
  }

  @Test
  void clearingIdsGoOnAfterARestartAndEveryReceiptNamesItsClearing() {
    EpochEngine first = engine(128);
    first.add(order(SELLER, Side.ASK, NEAR_RT, 1_000, 100));
    first.add(order(BUYER, Side.BID, NEAR_RT, 1_000, 120));
    ClearingRecord one = first.clearIfCrossing(NEAR_RT).getFirst();

    // A restart: a new engine over the same log.
    EpochEngine second = engine(128);
    second.add(order(SELLER, Side.ASK, NEAR_RT, 1_000, 100));
    second.add(order(BUYER, Side.BID, NEAR_RT, 1_000, 120));
    ClearingRecord two = second.clearIfCrossing(NEAR_RT).getFirst();

    assertThat(two.id()).isGreaterThan(one.id());
    assertThat(log.clearings).hasSize(2);
    assertThat(receiptClearingIds).containsExactly(one.id(), one.id(), two.id(), two.id());
    for (ClearingRecord c : List.of(one, two)) {
      for (FillRecord f : c.fills()) {
        assertThat(f.clearingId()).isEqualTo(c.id());
        assertThat(f.receipt()).isEqualTo("receipt of clearing " + c.id());
      }
    }
  }

  @Test
  void aReceiptCountsTheOrdersEarlierFillsInWhatItPromisesFilled() {
    EpochEngine engine = engine(128);
    OrderRecord bid = order(BUYER, Side.BID, NEAR_RT, 3_000, 120);
    engine.add(bid);
    engine.add(order(SELLER, Side.ASK, NEAR_RT, 1_000, 100));
    engine.clearIfCrossing(NEAR_RT).getFirst();
    engine.add(order(OTHER, Side.ASK, NEAR_RT, 1_500, 100));
    engine.clearIfCrossing(NEAR_RT).getFirst();

    assertThat(receiptFills)
        .filteredOn(f -> f[0] == bid.seq())
        .extracting(f -> f[1] + "/" + f[2])
        .containsExactly("1000/1000", "1500/2500");
  }

  @Test
  void aTradedMarketIsListedUntilItsSlotEndsAndAgainAfterARestart() {
    EpochEngine engine = engine(128);
    engine.add(order(BUYER, Side.BID, NEAR_RT, 1_000, 120));
    engine.add(order(SELLER, Side.ASK, NEAR_RT, 1_000, 100));
    long price = engine.clearIfCrossing(NEAR_RT).getFirst().price();
    assertThat(engine.markets(m -> true))
        .singleElement()
        .satisfies(s -> assertThat(s.lastPrice()).isEqualTo(price));

    // its book is empty; once its slot is over it leaves the list (which would otherwise hold
    // every market ever traded)
    engine.prune(NEAR_RT.slotEnd() - 1);
    assertThat(engine.markets(m -> true)).hasSize(1);
    assertThat(engine.markets(m -> false)).as("sealed: listed once cleared").hasSize(1);
    engine.prune(NEAR_RT.slotEnd());
    assertThat(engine.markets(m -> true)).isEmpty();
    assertThat(engine.markets(m -> false)).as("sealed, and over").isEmpty();

    // a restarted engine takes the last prices its store kept
    EpochEngine restarted = engine(128);
    restarted.restoreLastPrices(java.util.Map.of(NEAR_RT, price));
    assertThat(restarted.markets(m -> true))
        .singleElement()
        .satisfies(s -> assertThat(s.lastPrice()).isEqualTo(price));
  }

  @Test
  void everyAuctionCommitsABookOfEveryOrderAcceptedIntoItsMarketByTheCutoff() {
    EpochEngine engine = engine(4);
    OrderRecord ask = order(SELLER, Side.ASK, NON_RT, 3_000, 100);
    OrderRecord bid = order(BUYER, Side.BID, NON_RT, 1_000, 120);
    OrderRecord low = order(OTHER, Side.BID, NON_RT, 2_000, 50);
    OrderRecord cancelled = order(OTHER, Side.BID, NON_RT, 2_000, 60);
    OrderRecord elsewhere = order(OTHER, Side.BID, NEAR_RT, 2_000, 60);
    for (OrderRecord r : List.of(ask, bid, low, cancelled, elsewhere)) {
      engine.add(r);
    }
    engine.remove(cancelled);
    long acceptedAt = engine.acceptedAt(low.orderHash(), NON_RT).orElseThrow();

    ClearingRecord c = engine.runEpoch(Timescale.NON_RT).getFirst();

    assertThat(c.cutoff()).isGreaterThan(acceptedAt);
    var auction = log.book(NON_RT, c.cutoff()).orElseThrow();
    assertThat(auction.book().root()).isEqualTo(c.bookRoot());
    assertThat(auction.price()).isEqualTo(c.price());
    assertThat(c.price()).as("the midpoint of the marginal pair (120, 100)").isEqualTo(110);
    assertThat(auction.book().leaves())
        .as(
            "the filled bids, the filled asks, then the rest in order of intake, each with what is"
                + " unsettled; an order out of the book keeps its leaf")
        .containsExactly(
            leaf(bid, 1_000, 1_000),
            leaf(ask, 3_000, 1_000),
            leaf(low, 2_000, 0),
            leaf(cancelled, 2_000, 0));
    assertThat(auction.book().flaws(c.price())).as("the published rule holds").isEmpty();

    // the next auction: the rest of the ask against a bid accepted after the first cut-off
    OrderRecord later = order(BUYER, Side.BID, NON_RT, 500, 110);
    engine.add(later);
    assertThat(engine.acceptedAt(later.orderHash(), NON_RT).orElseThrow())
        .isGreaterThan(c.cutoff());
    ClearingRecord next = engine.runEpoch(Timescale.NON_RT).getFirst();
    assertThat(next.cutoff()).isGreaterThan(c.cutoff());
    assertThat(log.book(NON_RT, next.cutoff()).orElseThrow().book().leaves())
        .as("nothing settled yet: every leaf shows its whole order open")
        .containsExactly(
            leaf(later, 500, 500),
            leaf(ask, 3_000, 500),
            leaf(bid, 1_000, 0),
            leaf(low, 2_000, 0),
            leaf(cancelled, 2_000, 0));

    // an order re-booked with what settled of it shows that in later books
    OrderRecord askNow =
        new OrderRecord(
            ask.orderHash(), ask.order(), ask.seq(), 0, OrderState.OPEN, 1_500, 1_000, null);
    engine.remove(ask);
    engine.add(askNow);
    engine.add(order(BUYER, Side.BID, NON_RT, 300, 130));
    ClearingRecord third = engine.runEpoch(Timescale.NON_RT).getFirst();
    assertThat(log.book(NON_RT, third.cutoff()).orElseThrow().book().leaf(ask.orderHash()))
        .contains(leaf(ask, 2_000, 300));
  }

  private static AuctionBook.Leaf leaf(OrderRecord r, long open, long fill) {
    return new AuctionBook.Leaf(r.orderHash(), r.order().order().limitPrice(), r.seq(), open, fill);
  }

  @Test
  void thePartsOfOneAuctionCarryItsOneBook() {
    EpochEngine engine = engine(4);
    for (int i = 0; i < 5; i++) {
      engine.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
      engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));
    }
    List<ClearingRecord> parts = engine.runEpoch(Timescale.NON_RT);
    assertThat(parts).hasSize(3);
    assertThat(parts).extracting(ClearingRecord::cutoff).containsOnly(parts.getFirst().cutoff());
    assertThat(parts)
        .extracting(ClearingRecord::bookRoot)
        .containsOnly(parts.getFirst().bookRoot());
    assertThat(log.book(NON_RT, parts.getFirst().cutoff()).orElseThrow().book().leaves())
        .hasSize(10)
        .allSatisfy(l -> assertThat(l.fill()).isEqualTo(l.open()).isEqualTo(1_000));
  }

  @Test
  void aNonRtClearingSignsNoReceipt() {
    EpochEngine engine = engine(128);
    engine.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
    engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));
    engine.runEpoch(Timescale.NON_RT);
    assertThat(receiptFills).isEmpty();
  }

  @Test
  void aClearingTheLogRefusesIsNotCountedAndTheBooksStayAsTheyWere() {
    EpochEngine engine = engine(128);
    log.failure = new IllegalStateException("disk full");
    engine.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
    engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));

    assertThatThrownBy(() -> engine.runEpoch(Timescale.NON_RT)).hasMessage("disk full");

    assertThat(cleared).isEmpty();
    assertThat(engine.openOrders()).isEqualTo(2);
    log.failure = null;
    ClearingRecord c = engine.runEpoch(Timescale.NON_RT).get(0);
    assertThat(c.id()).isEqualTo(1);
    assertThat(c.volume()).isEqualTo(1_000);
  }

  @Test
  void theEarlierOrderAtAPriceIsFilledFirst() {
    EpochEngine engine = engine(128);
    OrderRecord early = order(SELLER, Side.ASK, NON_RT, 1_000, 100);
    OrderRecord late = order(OTHER, Side.ASK, NON_RT, 1_000, 100);
    engine.add(late);
    engine.add(early);
    engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));

    ClearingRecord c = engine.runEpoch(Timescale.NON_RT).get(0);

    assertThat(c.fills())
        .filteredOn(f -> f.side() == Side.ASK)
        .extracting(FillRecord::orderHash)
        .containsExactly(early.orderHash());
    assertThat(engine.openOf(OTHER)).containsExactly(late);
  }

  @Test
  void anAuctionLargerThanABatchIsRecordedAtOnceAsBalancedPartsAtItsOnePrice() {
    EpochEngine engine = engine(4);
    for (int i = 0; i < 5; i++) {
      engine.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
      engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));
    }

    List<ClearingRecord> parts = engine.runEpoch(Timescale.NON_RT);

    assertThat(parts).extracting(c -> c.fills().size()).containsExactly(4, 4, 2);
    assertThat(parts).extracting(ClearingRecord::id).containsExactly(1L, 2L, 3L);
    assertThat(parts).extracting(ClearingRecord::price).containsOnly(parts.getFirst().price());
    for (ClearingRecord c : parts) {
      assertThat(sideTotal(c, Side.BID)).isEqualTo(sideTotal(c, Side.ASK)).isPositive();
    }
    assertThat(cleared).containsExactlyElementsOf(parts);
    assertThat(engine.openOrders()).isZero();
    assertThat(engine.runEpoch(Timescale.NON_RT)).isEmpty();
  }

  @Test
  void anOrderSplitOverPartsGetsAReceiptForEachThatCountsTheEarlierParts() {
    EpochEngine engine = engine(3);
    OrderRecord bid = order(BUYER, Side.BID, NEAR_RT, 3_000, 120);
    for (int i = 0; i < 3; i++) {
      engine.add(order(SELLER, Side.ASK, NEAR_RT, 1_000, 100));
    }
    engine.add(bid);

    List<ClearingRecord> parts = engine.clearIfCrossing(NEAR_RT);

    assertThat(parts).hasSize(3);
    List<long[]> bidReceipts = receiptFills.stream().filter(f -> f[0] == bid.seq()).toList();
    assertThat(bidReceipts).extracting(f -> f[1]).containsExactly(1_000L, 1_000L, 1_000L);
    assertThat(bidReceipts).extracting(f -> f[2]).containsExactly(1_000L, 2_000L, 3_000L);
    assertThat(log.order(bid.orderHash()).orElseThrow().matched()).isEqualTo(3_000);
  }

  @Test
  void anAllOrNoneOrderIsNeverSplitAndSitsOutWhenNoPartCanHoldItWhole() {
    EpochEngine tight = engine(3);
    tight.add(order(BUYER, Side.BID, NON_RT, 3_000, 120, false));
    for (int i = 0; i < 3; i++) {
      tight.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
    }
    assertThat(tight.runEpoch(Timescale.NON_RT)).isEmpty();
    assertThat(tight.openOrders()).isEqualTo(4);

    EpochEngine roomy = engine(4);
    roomy.add(order(BUYER, Side.BID, NON_RT, 3_000, 120, false));
    for (int i = 0; i < 3; i++) {
      roomy.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
    }
    List<ClearingRecord> parts = roomy.runEpoch(Timescale.NON_RT);
    assertThat(parts).hasSize(1);
    assertThat(parts.getFirst().fills()).hasSize(4);
  }

  private static long sideTotal(ClearingRecord c, Side side) {
    return c.fills().stream().filter(f -> f.side() == side).mapToLong(FillRecord::quantity).sum();
  }

  @Test
  void aPartlyFilledOrderStaysBookedForWhatIsLeft() {
    EpochEngine engine = engine(128);
    OrderRecord ask = order(SELLER, Side.ASK, NON_RT, 3_000, 100);
    engine.add(ask);
    engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));
    engine.runEpoch(Timescale.NON_RT);
    engine.add(order(BUYER, Side.BID, NON_RT, 2_000, 120));

    ClearingRecord c = engine.runEpoch(Timescale.NON_RT).get(0);

    assertThat(c.volume()).isEqualTo(2_000);
    assertThat(log.orders.get(ask.orderHash()).status()).isEqualTo(OrderState.FILLED);
    assertThat(engine.openOrders()).isZero();
  }

  @Test
  void aRemovedOrderIsNeitherMatchedNorFoundAndRemovingItAgainIsHarmless() {
    EpochEngine engine = engine(128);
    OrderRecord ask = order(SELLER, Side.ASK, NON_RT, 1_000, 100);
    engine.add(ask);
    engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 120));

    assertThat(engine.remove(ask)).isTrue();
    assertThat(engine.remove(ask)).isFalse();
    assertThat(engine.find(SELLER, ask.order().order().nonce())).isEmpty();
    assertThat(engine.runEpoch(Timescale.NON_RT)).isEmpty();
  }

  @Test
  void anOrderIsBookedOnceHoweverOftenItIsAdded() {
    EpochEngine engine = engine(128);
    OrderRecord ask = order(SELLER, Side.ASK, NON_RT, 1_000, 100);
    engine.add(ask);
    engine.add(ask);

    assertThat(engine.openOrders()).isEqualTo(1);
    assertThat(engine.depth(NON_RT, 5).asks()).hasSize(1);
    assertThat(engine.depth(NON_RT, 5).asks().get(0).quantity()).isEqualTo(1_000);
  }

  @Test
  void aFeeRiseRebooksBidsAtWhatTheirAllInLimitStillCovers() {
    EpochEngine engine = engine(128);
    engine.add(order(SELLER, Side.ASK, NON_RT, 1_000, 100));
    engine.add(order(BUYER, Side.BID, NON_RT, 1_000, 101));
    fee.set(500); // 5 %: a bid limited at 101 all-in now covers a price of 96 at most

    engine.rebook();

    assertThat(engine.runEpoch(Timescale.NON_RT)).isEmpty();
    assertThat(engine.openOrders()).isEqualTo(2);
  }
}

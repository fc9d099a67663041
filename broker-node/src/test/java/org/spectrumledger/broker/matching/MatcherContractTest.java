package org.spectrumledger.broker.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.bench.BookShape;
import org.spectrumledger.broker.bench.RandomBooks;
import org.spectrumledger.ledger.Side;

/**
 * The auction rules of {@link Matcher}, run against every implementation: the fast matcher and the
 * reference one must both pass.
 */
abstract class MatcherContractTest {

  abstract Matcher matcher();

  private MatchResult clear(Books books) {
    return matcher().clear(books.input());
  }

  private static MatchResult result(long price, long[] bids, long[] asks, long... excluded) {
    long[] ids = new long[(bids.length + asks.length) / 2];
    long[] quantities = new long[ids.length];
    int k = 0;
    for (long[] side : new long[][] {bids, asks}) {
      for (int i = 0; i < side.length; i += 2) {
        ids[k] = side[i];
        quantities[k++] = side[i + 1];
      }
    }
    return MatchResult.of(price, bids.length / 2, ids, quantities, excluded);
  }

  /** Pairs of (order id, fill). */
  private static long[] fills(long... idAndQuantity) {
    return idAndQuantity;
  }

  @Test
  void clearsNothingInAnEmptyBook() {
    MatchResult r = clear(Books.market());
    assertThat(r.traded()).isFalse();
    assertThat(r.price()).isZero();
    assertThat(r.volume()).isZero();
  }

  @Test
  void clearsNothingWhenOnlyOneSideHasOrders() {
    assertThat(clear(Books.market().bid(1, 100, 1_000).bid(2, 90, 500)).traded()).isFalse();
    assertThat(clear(Books.market().ask(1, 100, 1_000).ask(2, 90, 500)).traded()).isFalse();
  }

  @Test
  void clearsNothingWhenTheBestBidIsBelowTheBestAsk() {
    MatchResult r = clear(Books.market().bid(1, 99, 1_000).ask(2, 100, 1_000));
    assertThat(r).isEqualTo(MatchResult.noTrade(new long[0]));
  }

  @Test
  void tradesAtTheCommonLimitWhenOneBidMeetsOneAsk() {
    MatchResult r = clear(Books.market().bid(1, 100, 1_000).ask(2, 100, 1_000));
    assertThat(r).isEqualTo(result(100, fills(1, 1_000), fills(2, 1_000)));
  }

  @Test
  void takesTheMidpointRoundedDownToTheTickWhenEveryPriceInARangeBalances() {
    MatchResult unit = clear(Books.market().bid(1, 120, 1_000).ask(2, 100, 1_000));
    assertThat(unit.price()).isEqualTo(110);

    MatchResult odd = clear(Books.market().bid(1, 121, 1_000).ask(2, 100, 1_000));
    assertThat(odd.price()).as("110.5 rounds down").isEqualTo(110);

    MarketRules tick5 = new MarketRules(5, 1);
    MatchResult coarse = clear(Books.market(tick5).bid(1, 125, 1_000).ask(2, 100, 1_000));
    assertThat(coarse.price()).as("112.5 rounds down to the tick").isEqualTo(110);
  }

  @Test
  void prefersTheLargestVolumeOverTheLeastImbalance() {
    // At 100: D = 10000, S = 3000, volume 3000. At 101: D = 2000, S = 3000, volume 2000 with a far
    // smaller imbalance. Volume comes first.
    MatchResult r = clear(Books.market().bid(1, 101, 2_000).bid(2, 100, 8_000).ask(3, 100, 3_000));
    assertThat(r).isEqualTo(result(100, fills(1, 2_000, 2, 1_000), fills(3, 3_000)));
  }

  @Test
  void bidSurplusFillsTheBestBidAndClearsAtTheMarginalPairsMidpoint() {
    // Volume 1000 at every price in [100, 110]; the best bid takes it all, and the price is the
    // midpoint of the marginal pair (110, 100), whatever the surplus.
    MatchResult r = clear(Books.market().bid(1, 110, 2_000).bid(2, 105, 1_000).ask(3, 100, 1_000));
    assertThat(r).isEqualTo(result(105, fills(1, 1_000), fills(3, 1_000)));
  }

  @Test
  void askSurplusFillsTheBestAskAndClearsAtTheMarginalPairsMidpoint() {
    MatchResult r = clear(Books.market().ask(1, 90, 2_000).ask(2, 95, 1_000).bid(3, 100, 1_000));
    assertThat(r).isEqualTo(result(95, fills(3, 1_000), fills(1, 1_000)));
  }

  @Test
  void surplusSwitchingSidesTakesTheHighestBidSurplusPrice() {
    // Volume 1000 everywhere in [100, 110]; D - S = +500 up to 105 and -500 from 106: both sides
    // are equally imbalanced, the price is the last bid-surplus one.
    MatchResult r =
        clear(
            Books.market().bid(1, 110, 1_000).bid(2, 105, 500).ask(3, 100, 1_000).ask(4, 106, 500));
    assertThat(r.price()).isEqualTo(105);
    assertThat(r.volume()).isEqualTo(1_000);
  }

  @Test
  void fillsTheLongSideInTimePriorityAndCutsTheLastOrderReached() {
    MatchResult r =
        clear(
            Books.market()
                .order(1, Side.BID, 100, 1_000, 30, false)
                .order(2, Side.BID, 100, 1_000, 10, false)
                .order(3, Side.BID, 100, 1_000, 20, false)
                .order(4, Side.ASK, 100, 1_500, 40, false));
    assertThat(r).isEqualTo(result(100, fills(2, 1_000, 3, 500), fills(4, 1_500)));
  }

  @Test
  void breaksSequenceTiesByTheLowerOrderId() {
    MatchResult r =
        clear(
            Books.market()
                .order(9, Side.ASK, 100, 1_000, 5, false)
                .order(7, Side.ASK, 100, 1_000, 5, false)
                .order(1, Side.BID, 100, 1_000, 6, false));
    assertThat(r).isEqualTo(result(100, fills(1, 1_000), fills(7, 1_000)));
  }

  @Test
  void fillsAnAllOrNoneOrderThatFitsWhole() {
    MatchResult r = clear(Books.market().bidAllOrNone(1, 100, 1_000).ask(2, 100, 1_500));
    assertThat(r).isEqualTo(result(100, fills(1, 1_000), fills(2, 1_000)));
  }

  @Test
  void excludesAMarginalAllOrNoneOrderAndGivesItsShareToTheNextInPriority() {
    MatchResult r =
        clear(
            Books.market()
                .bid(1, 100, 1_000)
                .bidAllOrNone(2, 100, 1_000)
                .bid(3, 100, 1_000)
                .ask(4, 100, 1_500));
    assertThat(r).isEqualTo(result(100, fills(1, 1_000, 3, 500), fills(4, 1_500), 2));
  }

  @Test
  void excludingAnAllOrNoneOrderRunsPriceDiscoveryAgain() {
    // With the all-or-none bid the volume is largest at 100 (1500, bids in surplus) and the
    // all-or-none bid would get 500 of 2000. Without it, 1000 trades at any price in [90, 110],
    // between the bid at 110 and the ask at 90: the price is their midpoint, 100.
    MatchResult r =
        clear(
            Books.market()
                .bid(1, 110, 1_000)
                .bidAllOrNone(2, 100, 2_000)
                .ask(3, 90, 1_000)
                .ask(4, 100, 500));
    assertThat(r.excludedAllOrNone()).containsExactly(2);
    assertThat(r).isEqualTo(result(100, fills(1, 1_000), fills(3, 1_000), 2));
  }

  @Test
  void excludingTheOnlyCrossingAllOrNoneOrderLeavesNoTrade() {
    MatchResult r = clear(Books.market().bidAllOrNone(1, 100, 2_000).ask(2, 100, 1_000));
    assertThat(r.traded()).isFalse();
    assertThat(r.excludedAllOrNone()).containsExactly(1);
  }

  @Test
  void fillsAllOrNoneOrdersOnTheShortSideWhole() {
    MatchResult r =
        clear(
            Books.market()
                .askAllOrNone(1, 90, 700)
                .askAllOrNone(2, 95, 300)
                .bid(3, 100, 600)
                .bid(4, 100, 600));
    assertThat(r)
        .as("the marginal pair is (100, 95): 97.5 rounds down")
        .isEqualTo(result(97, fills(3, 600, 4, 400), fills(1, 700, 2, 300)));
  }

  @Test
  void excludesAllOrNoneOrdersOneRoundAtATimeUntilTheRestFits() {
    // 600 all-or-none bids of 2 against 601 offered: every round the bid after the first 300
    // would get 1 of 2 and is excluded, until the bids left (600) no longer cover the ask, which
    // is then the long side and fills 600 in part.
    Books books = Books.market();
    for (int i = 1; i <= 600; i++) {
      books.bidAllOrNone(i, 100, 2);
    }
    books.ask(1_000, 100, 601);
    MatchResult r = clear(books);
    long[] bidIds = new long[300];
    long[] twos = new long[300];
    long[] excluded = new long[300];
    for (int i = 0; i < 300; i++) {
      bidIds[i] = i + 1;
      twos[i] = 2;
      excluded[i] = 301 + i;
    }
    long[] ids = Arrays.copyOf(bidIds, 301);
    ids[300] = 1_000;
    long[] quantities = Arrays.copyOf(twos, 301);
    quantities[300] = 600;
    assertThat(r).isEqualTo(MatchResult.of(100, 300, ids, quantities, excluded));
  }

  @Test
  void excludesAllOrNoneAsksAcrossManyPriceLevels() {
    // All-or-none asks of 5, one per price 1..300, against bids of 3 at every price: at 113 the
    // ask would get 4 of 5; without it the volume is found at 114 and that ask would get 1;
    // without both, 560 trade, the bid limited at 114 is the one cut, and the marginal pair is
    // (114, 112): the price is 113.
    Books books = Books.market();
    for (int i = 1; i <= 300; i++) {
      books.askAllOrNone(i, i, 5);
      books.bid(1_000 + i, i, 3);
    }
    MatchInput input = books.input();
    MatchResult r = matcher().clear(input);
    assertThat(MatchValidator.validate(input, r).violations()).isEmpty();
    assertThat(r.excludedAllOrNone()).containsExactly(113, 114);
    assertThat(r.price()).isEqualTo(113);
    assertThat(r.volume()).isEqualTo(560);
    assertThat(r).isEqualTo(new ReferenceMatcher().clear(input));
  }

  @Test
  void clearsTheReadmeExample() {
    MarketRules rules = new MarketRules(1, 100);
    MatchResult r =
        clear(
            Books.market(rules)
                .bid(1, 130, 1_000)
                .bid(2, 120, 1_500)
                .bidAllOrNone(3, 110, 1_000)
                .bid(4, 110, 800)
                .bid(5, 95, 2_000)
                .ask(6, 90, 1_200)
                .ask(7, 105, 1_000)
                .askAllOrNone(8, 110, 900)
                .ask(9, 125, 1_000));
    assertThat(r)
        .isEqualTo(
            result(110, fills(1, 1_000, 2, 1_500, 4, 600), fills(6, 1_200, 7, 1_000, 8, 900), 3));
  }

  @Test
  void clearingLeavesTheInputUnchangedAndRepeatsExactly() {
    MatchInput input = RandomBooks.generate(BookShape.market(500), 7);
    List<MatchOrder> before = input.orders();
    Matcher m = matcher();
    MatchResult first = m.clear(input);
    MatchResult second = m.clear(input);
    assertThat(input.orders()).isEqualTo(before);
    assertThat(second).isEqualTo(first);
  }

  // ---------------------------------------------------------------- properties on random books

  private static List<MatchInput> randomBooks() {
    List<MatchInput> books = new ArrayList<>();
    long seed = 1;
    for (int orders : new int[] {1, 2, 5, 20, 60, 150}) {
      for (double spread : new double[] {0, 2, 30}) {
        for (long cross : new long[] {-20, 0, 8}) {
          for (double aon : new double[] {0, 0.3, 1}) {
            MarketRules rules = seed % 3 == 0 ? new MarketRules(5, 100) : MarketRules.UNIT;
            BookShape shape =
                new BookShape(orders, 0.5, 200, spread, cross, 8, aon, 1 + (int) (seed % 3), rules);
            books.add(RandomBooks.generate(shape, seed++));
          }
        }
      }
    }
    return books;
  }

  @Test
  void randomBooksClearToResultsTheExchangeAccepts() {
    for (MatchInput input : randomBooks()) {
      MatchResult r = matcher().clear(input);
      MatchValidation v = MatchValidator.validate(input, r);
      assertThat(v.violations()).as("%s", r).isEmpty();
    }
  }

  @Test
  void pricesAreOnTheTickAndFillsWholeLots() {
    for (MatchInput input : randomBooks()) {
      MatchResult r = matcher().clear(input);
      assertThat(r.price() % input.rules().tickSize()).isZero();
      for (int f = 0; f < r.fillCount(); f++) {
        assertThat(r.quantity(f) % input.rules().lotSize()).isZero();
      }
    }
  }

  @Test
  void eachSideFillsInRankOrderAndClearsAtTheMarginalPairsMidpoint() {
    // the published rule the broker court checks: no order is short of whole while one ranked
    // below it on its side fills, and the price is the midpoint of the lowest-ranked filled pair
    Comparator<MatchOrder> bidRank =
        Comparator.comparingLong(MatchOrder::limitPrice)
            .reversed()
            .thenComparingLong(MatchOrder::sequence)
            .thenComparingLong(MatchOrder::id);
    Comparator<MatchOrder> askRank =
        Comparator.comparingLong(MatchOrder::limitPrice)
            .thenComparingLong(MatchOrder::sequence)
            .thenComparingLong(MatchOrder::id);
    for (MatchInput input : randomBooks()) {
      MatchResult r = matcher().clear(input);
      if (!r.traded()) {
        continue;
      }
      Map<Long, Long> filled = filled(r);
      List<Long> excluded = boxed(r.excludedAllOrNone());
      long[] marginal = new long[2];
      for (Side side : Side.values()) {
        List<MatchOrder> ranked =
            input.orders().stream()
                .filter(o -> o.side() == side && !excluded.contains(o.id()))
                .sorted(side == Side.BID ? bidRank : askRank)
                .toList();
        boolean shortSeen = false;
        for (MatchOrder o : ranked) {
          long f = filled.getOrDefault(o.id(), 0L);
          if (f > 0) {
            assertThat(shortSeen).as("order %s fills below a short one in %s", o, r).isFalse();
            marginal[side.ordinal()] = o.limitPrice();
          }
          shortSeen |= f < o.quantity();
        }
      }
      long tick = input.rules().tickSize();
      long bid = marginal[Side.BID.ordinal()];
      long ask = marginal[Side.ASK.ordinal()];
      assertThat(r.price()).isEqualTo(ask + (bid - ask) / tick / 2 * tick);
    }
  }

  @Test
  void volumeIsTheLargestAnyPriceOffersTheOrdersLeftIn() {
    for (MatchInput input : randomBooks()) {
      MatchResult r = matcher().clear(input);
      List<Long> excluded = boxed(r.excludedAllOrNone());
      long best = 0;
      for (MatchOrder candidate : input.orders()) {
        for (long p = candidate.limitPrice() - 1; p <= candidate.limitPrice() + 1; p++) {
          long demand = 0;
          long supply = 0;
          for (MatchOrder o : input.orders()) {
            if (!excluded.contains(o.id()) && o.acceptsPrice(p)) {
              if (o.side() == Side.BID) {
                demand += o.quantity();
              } else {
                supply += o.quantity();
              }
            }
          }
          best = Math.max(best, Math.min(demand, supply));
        }
      }
      assertThat(r.volume()).as("%s", r).isEqualTo(best);
    }
  }

  @Test
  void excludesOnlyAllOrNoneOrders() {
    for (MatchInput input : randomBooks()) {
      MatchResult r = matcher().clear(input);
      Map<Long, MatchOrder> byId = new HashMap<>();
      input.orders().forEach(o -> byId.put(o.id(), o));
      for (long id : r.excludedAllOrNone()) {
        assertThat(byId.get(id).allOrNone()).isTrue();
        assertThat(filled(r)).doesNotContainKey(id);
      }
    }
  }

  private static Map<Long, Long> filled(MatchResult r) {
    Map<Long, Long> filled = new HashMap<>();
    for (int f = 0; f < r.fillCount(); f++) {
      filled.put(r.orderId(f), r.quantity(f));
    }
    return filled;
  }

  private static List<Long> boxed(long[] values) {
    List<Long> list = new ArrayList<>();
    for (long v : values) {
      list.add(v);
    }
    return list;
  }
}

package org.spectrumledger.broker.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.bench.BookShape;
import org.spectrumledger.broker.bench.RandomBooks;
import org.spectrumledger.ledger.Side;

class MatchValidatorTest {

  private static final long[] NONE = {};

  /** Bids 1 (110, 1000), 2 (100, 1000, all-or-none); asks 3 (90, 1500), 4 (100, 500). */
  private final MatchInput input =
      Books.market()
          .bid(1, 110, 1_000)
          .bidAllOrNone(2, 100, 1_000)
          .ask(3, 90, 1_500)
          .ask(4, 100, 500)
          .input();

  private static MatchValidation validate(MatchInput input, MatchResult result) {
    return MatchValidator.validate(input, result);
  }

  private MatchValidation check(long price, int bids, long[] ids, long[] quantities) {
    return validate(input, MatchResult.of(price, bids, ids, quantities, NONE));
  }

  private static List<Violation.Kind> kinds(MatchValidation v) {
    return v.violations().stream().map(Violation::kind).toList();
  }

  @Test
  void acceptsAClearingThatMeetsEveryRule() {
    MatchValidation v =
        check(100, 2, new long[] {1, 2, 3, 4}, new long[] {1_000, 1_000, 1_500, 500});
    assertThat(v.violations()).isEmpty();
    assertThat(v.isValid()).isTrue();
  }

  @Test
  void acceptsAMarketWhereNothingTrades() {
    assertThat(validate(input, MatchResult.noTrade(NONE)).isValid()).isTrue();
  }

  @Test
  void flagsAFilledBidLimitedBelowThePrice() {
    MatchValidation v =
        check(105, 2, new long[] {1, 2, 3, 4}, new long[] {1_000, 1_000, 1_500, 500});
    assertThat(kinds(v)).containsExactly(Violation.Kind.BID_BELOW_PRICE);
    assertThat(v.violations().get(0).orderId()).hasValue(2);
    assertThat(v.violations().get(0).message()).contains("100", "105");
  }

  @Test
  void flagsAFilledAskLimitedAboveThePrice() {
    MatchValidation v = check(95, 1, new long[] {1, 4}, new long[] {500, 500});
    assertThat(kinds(v)).containsExactly(Violation.Kind.ASK_ABOVE_PRICE);
    assertThat(v.violations().get(0).orderId()).hasValue(4);
  }

  @Test
  void flagsFillsThatDoNotBalance() {
    MatchValidation v = check(100, 1, new long[] {1, 3}, new long[] {1_000, 900});
    assertThat(kinds(v)).containsExactly(Violation.Kind.UNBALANCED);
    assertThat(v.violations().get(0).orderId()).isEmpty();
  }

  @Test
  void flagsAZeroOrNegativeFill() {
    assertThat(kinds(check(100, 2, new long[] {1, 2, 3}, new long[] {0, 1_000, 1_000})))
        .containsExactly(Violation.Kind.NON_POSITIVE_FILL);
    assertThat(kinds(check(100, 1, new long[] {1, 3}, new long[] {-5, -5})))
        .containsExactly(Violation.Kind.NON_POSITIVE_FILL, Violation.Kind.NON_POSITIVE_FILL);
  }

  @Test
  void flagsAFillLargerThanTheOrder() {
    MatchValidation v = check(100, 1, new long[] {1, 3}, new long[] {1_500, 1_500});
    assertThat(kinds(v)).containsExactly(Violation.Kind.OVERFILL);
  }

  @Test
  void flagsAnAllOrNoneOrderFilledInPart() {
    MatchValidation v = check(100, 2, new long[] {1, 2, 3}, new long[] {1_000, 500, 1_500});
    assertThat(kinds(v)).containsExactly(Violation.Kind.PARTIAL_ALL_OR_NONE);
  }

  @Test
  void flagsAFillOfAnOrderThatIsNotInTheInput() {
    MatchValidation v = check(100, 1, new long[] {77, 3}, new long[] {1_000, 1_000});
    assertThat(kinds(v)).containsExactly(Violation.Kind.UNKNOWN_ORDER);
  }

  @Test
  void flagsAnOrderFilledTwice() {
    MatchValidation v = check(100, 2, new long[] {1, 1, 3}, new long[] {500, 500, 1_000});
    assertThat(kinds(v)).containsExactly(Violation.Kind.DUPLICATE_FILL);
  }

  @Test
  void flagsAFillOnTheWrongSide() {
    MatchValidation v = check(100, 1, new long[] {3, 1}, new long[] {1_000, 1_000});
    assertThat(kinds(v)).containsExactly(Violation.Kind.WRONG_SIDE, Violation.Kind.WRONG_SIDE);
  }

  @Test
  void flagsATradeWithoutAPositivePrice() {
    MatchValidation v = check(0, 1, new long[] {1, 3}, new long[] {1_000, 1_000});
    assertThat(kinds(v)).contains(Violation.Kind.NON_POSITIVE_PRICE);
  }

  @Test
  void refusesAnInputWhereTwoOrdersShareAnId() {
    MatchInput twice = Books.market().bid(1, 100, 100).ask(1, 100, 100).input();
    assertThatThrownBy(() -> validate(twice, MatchResult.noTrade(NONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id 1");
  }

  // ---------------------------------------------------------------- properties

  /** Random books with their fast clearing, limited to those that trade. */
  private static List<Object[]> clearedBooks() {
    List<Object[]> cleared = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    UniformPriceMatcher matcher = new UniformPriceMatcher();
    while (cleared.size() < 300) {
      BookShape shape =
          new BookShape(
              2 + r.nextInt(80),
              0.5,
              200,
              r.nextInt(20),
              r.nextInt(30) - 5,
              6,
              r.nextDouble() * 0.6,
              1,
              new MarketRules(1 + r.nextInt(3), 100));
      MatchInput in = RandomBooks.generate(shape, r.nextLong());
      MatchResult result = matcher.clear(in);
      if (result.traded()) {
        cleared.add(new Object[] {in, result});
      }
    }
    return cleared;
  }

  private static MatchResult with(MatchResult r, long price, long[] quantities) {
    long[] ids = new long[r.fillCount()];
    for (int f = 0; f < ids.length; f++) {
      ids[f] = r.orderId(f);
    }
    return MatchResult.of(price, r.bidFillCount(), ids, quantities, r.excludedAllOrNone());
  }

  private static long[] quantities(MatchResult r) {
    long[] q = new long[r.fillCount()];
    for (int f = 0; f < q.length; f++) {
      q[f] = r.quantity(f);
    }
    return q;
  }

  @Test
  void aPriceAboveTheLowestFilledBidOrBelowTheHighestFilledAskIsAlwaysFlagged() {
    for (Object[] c : clearedBooks()) {
      MatchInput in = (MatchInput) c[0];
      MatchResult r = (MatchResult) c[1];
      long lowestBid = Long.MAX_VALUE;
      long highestAsk = 0;
      for (int f = 0; f < r.fillCount(); f++) {
        long limit = limit(in, r.orderId(f));
        if (r.side(f) == Side.BID) {
          lowestBid = Math.min(lowestBid, limit);
        } else {
          highestAsk = Math.max(highestAsk, limit);
        }
      }
      assertThat(
              validate(in, with(r, lowestBid + 1, quantities(r)))
                  .has(Violation.Kind.BID_BELOW_PRICE))
          .isTrue();
      assertThat(
              validate(in, with(r, highestAsk - 1, quantities(r)))
                  .has(Violation.Kind.ASK_ABOVE_PRICE))
          .isTrue();
      // Any price between them is as acceptable to the exchange as the auction's own.
      long between =
          lowestBid == highestAsk ? lowestBid : highestAsk + (lowestBid - highestAsk) / 3;
      assertThat(validate(in, with(r, between, quantities(r))).violations()).isEmpty();
    }
  }

  @Test
  void changingOneFillAloneIsAlwaysFlaggedAsUnbalanced() {
    SplittableRandom random = new SplittableRandom(8);
    for (Object[] c : clearedBooks()) {
      MatchInput in = (MatchInput) c[0];
      MatchResult r = (MatchResult) c[1];
      long[] q = quantities(r);
      int f = random.nextInt(q.length);
      q[f] += random.nextBoolean() ? 1 : -1;
      assertThat(validate(in, with(r, r.price(), q)).has(Violation.Kind.UNBALANCED)).isTrue();
    }
  }

  @Test
  void shiftingALotFromOneBidAndOneAskIsAcceptedOnlyIfNeitherIsAllOrNone() {
    for (Object[] c : clearedBooks()) {
      MatchInput in = (MatchInput) c[0];
      MatchResult r = (MatchResult) c[1];
      long lot = in.rules().lotSize();
      long[] q = quantities(r);
      int bid = 0;
      int ask = r.bidFillCount();
      if (q[bid] <= lot || q[ask] <= lot) {
        continue;
      }
      q[bid] -= lot;
      q[ask] -= lot;
      MatchValidation v = validate(in, with(r, r.price(), q));
      boolean allOrNone = allOrNone(in, r.orderId(bid)) || allOrNone(in, r.orderId(ask));
      assertThat(v.has(Violation.Kind.PARTIAL_ALL_OR_NONE)).isEqualTo(allOrNone);
      if (!allOrNone) {
        assertThat(v.violations()).isEmpty();
      }
      assertThat(v.has(Violation.Kind.UNBALANCED)).isFalse();
    }
  }

  @Test
  void fillingAFullyFilledBidAndAskBeyondTheirQuantityIsFlaggedAsOverfill() {
    int checked = 0;
    for (Object[] c : clearedBooks()) {
      MatchInput in = (MatchInput) c[0];
      MatchResult r = (MatchResult) c[1];
      long[] q = quantities(r);
      int bid = 0;
      int ask = r.bidFillCount();
      q[bid] += 1;
      q[ask] += 1;
      MatchValidation v = validate(in, with(r, r.price(), q));
      assertThat(v.has(Violation.Kind.OVERFILL))
          .isEqualTo(
              r.quantity(bid) == quantity(in, r.orderId(bid))
                  || r.quantity(ask) == quantity(in, r.orderId(ask)));
      assertThat(v.has(Violation.Kind.UNBALANCED)).isFalse();
      checked += v.has(Violation.Kind.OVERFILL) ? 1 : 0;
    }
    assertThat(checked).isPositive();
  }

  private static MatchOrder find(MatchInput in, long id) {
    for (MatchOrder o : in.orders()) {
      if (o.id() == id) {
        return o;
      }
    }
    throw new AssertionError("no order " + id);
  }

  private static long limit(MatchInput in, long id) {
    return find(in, id).limitPrice();
  }

  private static long quantity(MatchInput in, long id) {
    return find(in, id).quantity();
  }

  private static boolean allOrNone(MatchInput in, long id) {
    return find(in, id).allOrNone();
  }
}

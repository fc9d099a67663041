package org.spectrumledger.broker.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.matching.MarketRules;
import org.spectrumledger.broker.matching.MatchFill;
import org.spectrumledger.broker.matching.MatchInput;
import org.spectrumledger.broker.matching.MatchOrder;
import org.spectrumledger.broker.matching.MatchResult;
import org.spectrumledger.broker.matching.MatchValidator;
import org.spectrumledger.broker.matching.UniformPriceMatcher;
import org.spectrumledger.ledger.Side;

class OrderBookTest {

  private static final MarketRules RULES = new MarketRules(5, 100);

  private final OrderBook book = new OrderBook(RULES);

  private static MatchOrder bid(long id, long price, long quantity, long sequence) {
    return new MatchOrder(id, Side.BID, price, quantity, sequence, false);
  }

  private static MatchOrder ask(long id, long price, long quantity, long sequence) {
    return new MatchOrder(id, Side.ASK, price, quantity, sequence, false);
  }

  @Test
  void anEmptyBookHasNoBestPricesAndNoDepth() {
    assertThat(book.bestBid()).isEmpty();
    assertThat(book.bestAsk()).isEmpty();
    assertThat(book.depth(Side.BID, 5)).isEmpty();
    assertThat(book.size()).isZero();
    assertThat(book.toInput().size()).isZero();
  }

  @Test
  void bestBidIsTheHighestAndBestAskTheLowestLimit() {
    book.add(bid(1, 100, 100, 1));
    book.add(bid(2, 110, 100, 2));
    book.add(ask(3, 130, 100, 3));
    book.add(ask(4, 120, 100, 4));
    assertThat(book.bestBid()).isEqualTo(OptionalLong.of(110));
    assertThat(book.bestAsk()).isEqualTo(OptionalLong.of(120));
  }

  @Test
  void rejectsADuplicateIdOffGridOrdersAndASideTotalThatWouldOverflow() {
    assertThat(book.add(bid(1, 100, 100, 1))).isEqualTo(BookOutcome.ACCEPTED);
    assertThat(book.add(ask(1, 120, 100, 2))).isEqualTo(BookOutcome.DUPLICATE_ID);
    assertThat(book.add(bid(2, 102, 100, 3))).isEqualTo(BookOutcome.INVALID_PRICE);
    assertThat(book.add(bid(3, 100, 150, 4))).isEqualTo(BookOutcome.INVALID_QUANTITY);
    long huge = Long.MAX_VALUE / 100 * 100;
    assertThat(book.add(bid(4, 100, huge, 5))).isEqualTo(BookOutcome.SIDE_TOTAL_TOO_LARGE);
    assertThat(book.add(ask(5, 100, huge, 6))).isEqualTo(BookOutcome.ACCEPTED);
    assertThat(book.size()).isEqualTo(2);
    assertThat(book.find(1)).contains(bid(1, 100, 100, 1));
  }

  @Test
  void depthSumsEachLevelBestFirstUpToTheLevelsAsked() {
    book.add(bid(1, 100, 100, 1));
    book.add(bid(2, 100, 300, 2));
    book.add(bid(3, 95, 200, 3));
    book.add(bid(4, 90, 500, 4));
    book.add(ask(5, 105, 400, 5));
    assertThat(book.depth(Side.BID, 2))
        .containsExactly(new DepthLevel(100, 400, 2), new DepthLevel(95, 200, 1));
    assertThat(book.depth(Side.ASK, 10)).containsExactly(new DepthLevel(105, 400, 1));
    assertThat(book.totalQuantity(Side.BID)).isEqualTo(1_100);
    assertThatThrownBy(() -> book.depth(Side.BID, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cancellingFromTheMiddleOfALevelKeepsTheOthersInTimePriority() {
    book.add(bid(1, 100, 100, 1));
    book.add(bid(2, 100, 200, 2));
    book.add(bid(3, 100, 300, 3));
    assertThat(book.cancel(2)).isEqualTo(BookOutcome.ACCEPTED);
    assertThat(book.cancel(2)).isEqualTo(BookOutcome.UNKNOWN_ORDER);
    assertThat(book.find(2)).isEmpty();
    assertThat(book.depth(Side.BID, 1)).containsExactly(new DepthLevel(100, 400, 2));
    assertThat(book.toInput().orders()).containsExactly(bid(1, 100, 100, 1), bid(3, 100, 300, 3));
  }

  @Test
  void cancellingTheLastOrderOfALevelRemovesTheLevel() {
    book.add(ask(1, 120, 100, 1));
    book.add(ask(2, 125, 100, 2));
    book.cancel(1);
    assertThat(book.bestAsk()).isEqualTo(OptionalLong.of(125));
    assertThat(book.depth(Side.ASK, 5)).containsExactly(new DepthLevel(125, 100, 1));
  }

  @Test
  void reducingLeavesTheRestOpenAndRemovesAnOrderFilledWhole() {
    book.add(bid(1, 100, 1_000, 1));
    assertThat(book.reduce(1, 300)).isEqualTo(BookOutcome.ACCEPTED);
    assertThat(book.find(1)).contains(bid(1, 100, 700, 1));
    assertThat(book.depth(Side.BID, 1)).containsExactly(new DepthLevel(100, 700, 1));
    assertThat(book.reduce(1, 800)).isEqualTo(BookOutcome.REDUCTION_TOO_LARGE);
    assertThat(book.reduce(1, 700)).isEqualTo(BookOutcome.ACCEPTED);
    assertThat(book.find(1)).isEmpty();
    assertThat(book.bestBid()).isEmpty();
    assertThat(book.reduce(1, 100)).isEqualTo(BookOutcome.UNKNOWN_ORDER);
    assertThatThrownBy(() -> book.reduce(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAllOrNoneOrderIsReducedOnlyByAllOfIt() {
    book.add(new MatchOrder(1, Side.ASK, 100, 1_000, 1, true));
    assertThat(book.reduce(1, 500)).isEqualTo(BookOutcome.ALL_OR_NONE_PARTLY_REDUCED);
    assertThat(book.find(1).orElseThrow().quantity()).isEqualTo(1_000);
    assertThat(book.reduce(1, 1_000)).isEqualTo(BookOutcome.ACCEPTED);
    assertThat(book.size()).isZero();
  }

  @Test
  void writesTheAuctionInputInPriorityOrderWhateverTheArrivalOrder() {
    book.add(bid(1, 100, 100, 30));
    book.add(bid(2, 100, 100, 10));
    book.add(ask(3, 110, 100, 5));
    book.add(bid(4, 105, 100, 40));
    book.add(bid(5, 100, 100, 20));
    book.add(bid(6, 100, 100, 20)); // same sequence: the lower id first
    book.add(bid(0, 100, 100, 20));
    assertThat(book.toInput().orders())
        .extracting(MatchOrder::id)
        .containsExactly(4L, 2L, 0L, 5L, 6L, 1L, 3L);
  }

  @Test
  void copyToReusesAnInputOfTheSameMarketAndRefusesAnother() {
    book.add(bid(1, 100, 100, 1));
    MatchInput input = new MatchInput(RULES);
    input.add(ask(9, 100, 100, 9));
    book.copyTo(input);
    assertThat(input.orders()).containsExactly(bid(1, 100, 100, 1));
    assertThatThrownBy(() -> book.copyTo(new MatchInput(MarketRules.UNIT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differ");
  }

  @Test
  void applyingAClearingReducesEveryFilledOrder() {
    book.add(bid(1, 110, 1_000, 1));
    book.add(bid(2, 100, 1_000, 2));
    book.add(new MatchOrder(3, Side.BID, 100, 1_000, 3, true));
    book.add(ask(4, 100, 1_500, 4));
    book.add(ask(5, 120, 1_000, 5));
    MatchResult result = new UniformPriceMatcher().clear(book.toInput());
    book.apply(result);
    assertThat(result.price()).isEqualTo(100);
    assertThat(book.find(1)).isEmpty();
    assertThat(book.find(2)).contains(bid(2, 100, 500, 2));
    assertThat(book.find(3)).as("the all-or-none bid was excluded, still open").isPresent();
    assertThat(book.find(4)).isEmpty();
    assertThat(book.bestAsk()).isEqualTo(OptionalLong.of(120));
  }

  @Test
  void theReadmeSnippetClearsAtTheMidpointAndEmptiesTheBook() {
    OrderBook readme = new OrderBook(new MarketRules(1, 100));
    readme.add(new MatchOrder(1, Side.BID, 120, 1_000, 1, false));
    readme.add(new MatchOrder(2, Side.ASK, 100, 1_000, 2, true));
    MatchInput input = readme.toInput();
    MatchResult result = new UniformPriceMatcher().clear(input);
    assertThat(MatchValidator.validate(input, result).isValid()).isTrue();
    assertThat(result.price()).isEqualTo(110);
    assertThat(result.fills())
        .containsExactly(new MatchFill(1, Side.BID, 1_000), new MatchFill(2, Side.ASK, 1_000));
    readme.apply(result);
    assertThat(readme.size()).isZero();
  }

  @Test
  void applyingAClearingThatDoesNotFitTheBookChangesNothing() {
    book.add(bid(1, 100, 1_000, 1));
    book.add(ask(2, 100, 500, 2));
    MatchResult tooMuch =
        MatchResult.of(100, 1, new long[] {1, 2}, new long[] {500, 600}, new long[0]);
    assertThatThrownBy(() -> book.apply(tooMuch)).isInstanceOf(IllegalArgumentException.class);
    MatchResult unknown =
        MatchResult.of(100, 1, new long[] {1, 7}, new long[] {500, 500}, new long[0]);
    assertThatThrownBy(() -> book.apply(unknown)).isInstanceOf(IllegalArgumentException.class);
    assertThat(book.find(1)).contains(bid(1, 100, 1_000, 1));
    assertThat(book.find(2)).contains(ask(2, 100, 500, 2));
  }

  /** A model of the book: the open orders by id, checked against the book after every step. */
  @Test
  void staysConsistentWithASimpleModelUnderRandomAddsCancelsAndReductions() {
    SplittableRandom r = new SplittableRandom(11);
    Map<Long, MatchOrder> model = new LinkedHashMap<>();
    long sequence = 0;
    for (int step = 0; step < 5_000; step++) {
      int op = r.nextInt(10);
      if (op < 5 || model.isEmpty()) {
        long id = r.nextInt(400);
        Side side = r.nextBoolean() ? Side.BID : Side.ASK;
        MatchOrder o =
            new MatchOrder(
                id,
                side,
                5 * (18 + r.nextInt(5)),
                100 * (1 + r.nextInt(5)),
                r.nextInt(5) == 0 ? sequence : ++sequence,
                r.nextInt(4) == 0);
        BookOutcome outcome = book.add(o);
        assertThat(outcome)
            .isEqualTo(model.containsKey(id) ? BookOutcome.DUPLICATE_ID : BookOutcome.ACCEPTED);
        model.putIfAbsent(id, o);
      } else {
        List<Long> ids = new ArrayList<>(model.keySet());
        long id = ids.get(r.nextInt(ids.size()));
        MatchOrder o = model.get(id);
        if (op < 7) {
          assertThat(book.cancel(id)).isEqualTo(BookOutcome.ACCEPTED);
          model.remove(id);
        } else {
          long filled = 100 * (1 + r.nextInt((int) (o.quantity() / 100)));
          BookOutcome outcome = book.reduce(id, filled);
          if (o.allOrNone() && filled != o.quantity()) {
            assertThat(outcome).isEqualTo(BookOutcome.ALL_OR_NONE_PARTLY_REDUCED);
          } else {
            assertThat(outcome).isEqualTo(BookOutcome.ACCEPTED);
            if (filled == o.quantity()) {
              model.remove(id);
            } else {
              model.put(id, o.withQuantity(o.quantity() - filled));
            }
          }
        }
      }
      if (step % 50 == 0) {
        assertMatches(model);
      }
    }
    assertMatches(model);
  }

  private void assertMatches(Map<Long, MatchOrder> model) {
    Comparator<MatchOrder> time =
        Comparator.comparingLong(MatchOrder::sequence).thenComparingLong(MatchOrder::id);
    List<MatchOrder> expected = new ArrayList<>();
    for (Side side : Side.values()) {
      Comparator<Long> best =
          side == Side.BID ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder();
      TreeMap<Long, long[]> levels = new TreeMap<>(best);
      List<MatchOrder> orders = new ArrayList<>();
      for (MatchOrder o : model.values()) {
        if (o.side() == side) {
          orders.add(o);
          long[] level = levels.computeIfAbsent(o.limitPrice(), p -> new long[2]);
          level[0] += o.quantity();
          level[1]++;
        }
      }
      orders.sort(Comparator.comparing(MatchOrder::limitPrice, best).thenComparing(time));
      expected.addAll(orders);
      List<DepthLevel> depth = new ArrayList<>();
      levels.forEach((p, level) -> depth.add(new DepthLevel(p, level[0], (int) level[1])));
      assertThat(book.depth(side, 1_000)).isEqualTo(depth);
      OptionalLong top =
          levels.isEmpty() ? OptionalLong.empty() : OptionalLong.of(levels.firstKey());
      assertThat(side == Side.BID ? book.bestBid() : book.bestAsk()).isEqualTo(top);
    }
    assertThat(book.toInput().orders()).isEqualTo(expected);
    assertThat(book.size()).isEqualTo(model.size());
    for (MatchOrder o : model.values()) {
      assertThat(book.find(o.id())).contains(o);
    }
  }
}

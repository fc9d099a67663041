package org.spectrumledger.broker.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.bench.BookShape;
import org.spectrumledger.broker.bench.RandomBooks;
import org.spectrumledger.ledger.Side;

/**
 * The fast matcher against the reference on thousands of seeded random books of every shape: same
 * price, same volume, same fills in the same order, same exclusions.
 */
class MatcherDifferentialTest {

  private static final int BOOKS = 3_000;

  private final ReferenceMatcher reference = new ReferenceMatcher();

  /** A random shape: size, clustering, overlap, sizes, all-or-none share, ties and grid vary. */
  private static BookShape shape(SplittableRandom r) {
    int orders =
        switch (r.nextInt(4)) {
          case 0 -> r.nextInt(6);
          case 1 -> r.nextInt(40);
          case 2 -> r.nextInt(150);
          default -> r.nextInt(400);
        };
    double[] spreads = {0, 0.5, 2, 10, 60};
    long[] crosses = {-50, -5, 0, 3, 20, 100};
    double[] allOrNone = {0, 0.05, 0.3, 0.8, 1};
    MarketRules rules =
        switch (r.nextInt(3)) {
          case 0 -> MarketRules.UNIT;
          case 1 -> new MarketRules(5, 100);
          default -> new MarketRules(1_000, 250);
        };
    return new BookShape(
        orders,
        0.2 + 0.6 * r.nextDouble(),
        100 + r.nextInt(400),
        spreads[r.nextInt(spreads.length)],
        crosses[r.nextInt(crosses.length)],
        1 + r.nextInt(12),
        allOrNone[r.nextInt(allOrNone.length)],
        1 + r.nextInt(4),
        rules);
  }

  @Test
  void fastMatcherAgreesWithTheReferenceOnRandomBooks() {
    SplittableRandom r = new SplittableRandom(20240601);
    UniformPriceMatcher fast = new UniformPriceMatcher();
    int traded = 0;
    int excluded = 0;
    for (int book = 0; book < BOOKS; book++) {
      BookShape shape = shape(r);
      long seed = r.nextLong();
      MatchInput input = RandomBooks.generate(shape, seed);
      MatchResult expected = reference.clear(input);
      assertThat(fast.clear(input))
          .as("book %d: %s seed %d", book, shape, seed)
          .isEqualTo(expected);
      traded += expected.traded() ? 1 : 0;
      excluded += expected.excludedAllOrNone().length > 0 ? 1 : 0;
    }
    // The shapes must exercise both outcomes and the all-or-none rule, or the test proves little.
    assertThat(traded).isBetween(BOOKS / 3, BOOKS - BOOKS / 20);
    assertThat(excluded).isGreaterThan(BOOKS / 20);
  }

  @Test
  void oneFastMatcherReusedAcrossGrowingAndShrinkingBooksAgreesWithFreshOnes() {
    SplittableRandom r = new SplittableRandom(99);
    UniformPriceMatcher reused = new UniformPriceMatcher();
    for (int book = 0; book < 300; book++) {
      int orders = book % 2 == 0 ? 1_000 + r.nextInt(2_000) : r.nextInt(30);
      MatchInput input = RandomBooks.generate(BookShape.market(orders), r.nextLong());
      assertThat(reused.clear(input)).isEqualTo(new UniformPriceMatcher().clear(input));
    }
  }

  @Test
  void fastMatcherAgreesWithTheReferenceWhenPriorityComesFromTheOrderBookAlreadySorted() {
    // Input in priority order takes the sort's shortcut for ordered runs.
    SplittableRandom r = new SplittableRandom(5);
    for (int book = 0; book < 200; book++) {
      MatchInput shuffled = RandomBooks.generate(shape(r), r.nextLong());
      List<MatchOrder> orders = shuffled.orders();
      orders.sort(
          Comparator.comparing(MatchOrder::side)
              .thenComparingLong(o -> o.side() == Side.BID ? -o.limitPrice() : o.limitPrice())
              .thenComparingLong(MatchOrder::sequence)
              .thenComparingLong(MatchOrder::id));
      MatchInput sorted = MatchInput.of(shuffled.rules(), orders);
      assertThat(new UniformPriceMatcher().clear(sorted)).isEqualTo(reference.clear(shuffled));
    }
  }
}

package org.spectrumledger.broker.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Side;

class MatchInputTest {

  private static final MarketRules RULES = new MarketRules(5, 100);

  @Test
  void marketRulesNeedAPositiveTickAndLot() {
    assertThatThrownBy(() -> new MarketRules(0, 1)).hasMessageContaining("tick");
    assertThatThrownBy(() -> new MarketRules(1, -1)).hasMessageContaining("lot");
  }

  @Test
  void keepsOrdersAsAddedAndGivesThemBack() {
    MatchOrder a = new MatchOrder(7, Side.BID, 105, 300, 2, true);
    MatchOrder b = new MatchOrder(3, Side.ASK, 95, 200, 1, false);
    MatchInput input = MatchInput.of(RULES, List.of(a, b));
    assertThat(input.size()).isEqualTo(2);
    assertThat(input.order(0)).isEqualTo(a);
    assertThat(input.orders()).containsExactly(a, b);
    assertThat(input.totalQuantity(Side.BID)).isEqualTo(300);
    assertThat(input.totalQuantity(Side.ASK)).isEqualTo(200);
    assertThatThrownBy(() -> input.order(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void growsPastItsCapacityAndClearsForReuse() {
    MatchInput input = new MatchInput(RULES, 1);
    for (int i = 0; i < 100; i++) {
      input.add(i, Side.ASK, 5 * (i + 1), 100, i, false);
    }
    assertThat(input.order(99)).isEqualTo(new MatchOrder(99, Side.ASK, 500, 100, 99, false));
    input.clear();
    assertThat(input.size()).isZero();
    assertThat(input.totalQuantity(Side.ASK)).isZero();
  }

  @Test
  void refusesAPriceOffTheTickOrBeyondTheMaximum() {
    MatchInput input = new MatchInput(RULES);
    assertThatThrownBy(() -> input.add(1, Side.BID, 102, 100, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tick 5");
    assertThatThrownBy(() -> input.add(1, Side.BID, 0, 100, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
    long max = RULES.maxPrice();
    input.add(1, Side.BID, max, 100, 1, false);
    assertThatThrownBy(() -> input.add(2, Side.BID, max + 5, 100, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(max + RULES.tickSize()).as("one tick past the maximum still fits").isPositive();
  }

  @Test
  void refusesAQuantityOffTheLot() {
    MatchInput input = new MatchInput(RULES);
    assertThatThrownBy(() -> input.add(1, Side.ASK, 100, 150, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lot 100");
    assertThatThrownBy(() -> input.add(1, Side.ASK, 100, -100, 1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesASideWhoseTotalWouldOverflow() {
    MatchInput input = new MatchInput(MarketRules.UNIT);
    input.add(1, Side.BID, 100, Long.MAX_VALUE - 10, 1, false);
    input.add(2, Side.ASK, 100, Long.MAX_VALUE - 10, 2, false);
    assertThatThrownBy(() -> input.add(3, Side.BID, 100, 11, 3, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflow");
    input.add(4, Side.BID, 100, 10, 4, false);
    assertThat(input.totalQuantity(Side.BID)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void ordersNeedASideAPositiveLimitAndQuantityAndASequence() {
    assertThatThrownBy(() -> new MatchOrder(1, null, 100, 100, 1, false))
        .hasMessageContaining("side");
    assertThatThrownBy(() -> new MatchOrder(1, Side.BID, 0, 100, 1, false))
        .hasMessageContaining("limit price");
    assertThatThrownBy(() -> new MatchOrder(1, Side.BID, 100, 0, 1, false))
        .hasMessageContaining("quantity");
    assertThatThrownBy(() -> new MatchOrder(1, Side.BID, 100, 100, -1, false))
        .hasMessageContaining("sequence");
  }

  @Test
  void theFastMatcherClearsMarketsAtTheExtremesOfPriceAndQuantity() {
    long max = MarketRules.UNIT.maxPrice();
    MatchInput input =
        Books.market()
            .bid(1, max, Long.MAX_VALUE / 2)
            .bid(2, max, Long.MAX_VALUE / 2)
            .ask(3, 1, Long.MAX_VALUE - 1)
            .input();
    MatchResult fast = new UniformPriceMatcher().clear(input);
    assertThat(fast).isEqualTo(new ReferenceMatcher().clear(input));
    assertThat(fast.volume()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(fast.price()).as("the midpoint of [1, max]").isEqualTo(1 + (max - 1) / 2);
    assertThat(MatchValidator.validate(input, fast).isValid()).isTrue();
  }
}

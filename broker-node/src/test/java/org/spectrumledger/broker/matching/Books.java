package org.spectrumledger.broker.matching;

import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.ledger.Side;

/** Small hand-written books for tests: ids and sequences in the order orders are written. */
final class Books {

  private final MarketRules rules;
  private final List<MatchOrder> orders = new ArrayList<>();

  private Books(MarketRules rules) {
    this.rules = rules;
  }

  static Books market() {
    return new Books(MarketRules.UNIT);
  }

  static Books market(MarketRules rules) {
    return new Books(rules);
  }

  Books bid(long id, long price, long quantity) {
    return add(id, Side.BID, price, quantity, false);
  }

  Books ask(long id, long price, long quantity) {
    return add(id, Side.ASK, price, quantity, false);
  }

  Books bidAllOrNone(long id, long price, long quantity) {
    return add(id, Side.BID, price, quantity, true);
  }

  Books askAllOrNone(long id, long price, long quantity) {
    return add(id, Side.ASK, price, quantity, true);
  }

  /** An order with an explicit sequence. */
  Books order(long id, Side side, long price, long quantity, long sequence, boolean allOrNone) {
    orders.add(new MatchOrder(id, side, price, quantity, sequence, allOrNone));
    return this;
  }

  private Books add(long id, Side side, long price, long quantity, boolean allOrNone) {
    return order(id, side, price, quantity, orders.size(), allOrNone);
  }

  MatchInput input() {
    return MatchInput.of(rules, orders);
  }
}

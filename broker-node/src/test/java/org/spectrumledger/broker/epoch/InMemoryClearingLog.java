package org.spectrumledger.broker.epoch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;

/** The clearing log in memory, with the store's rules: ids unique, matched quantities moved. */
final class InMemoryClearingLog implements ClearingLog {

  final Map<Bytes32, OrderRecord> orders = new LinkedHashMap<>();
  final Map<Long, ClearingRecord> clearings = new LinkedHashMap<>();
  private long nextFill = 1;

  /** When set, the next clearing is refused with it, as a full disk would. */
  RuntimeException failure;

  void put(OrderRecord r) {
    orders.put(r.orderHash(), r);
  }

  @Override
  public long lastClearingId() {
    return clearings.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  @Override
  public Optional<OrderRecord> order(Bytes32 orderHash) {
    return Optional.ofNullable(orders.get(orderHash));
  }

  @Override
  public ClearingRecord recordClearing(
      long clearingId, MarketKey market, long price, long epoch, List<NewFill> fills, long now) {
    if (failure != null) {
      throw failure;
    }
    if (clearings.containsKey(clearingId)) {
      throw new IllegalStateException("clearing " + clearingId + " recorded twice");
    }
    List<FillRecord> out = new ArrayList<>();
    for (NewFill f : fills) {
      out.add(
          new FillRecord(
              nextFill++,
              clearingId,
              f.orderHash(),
              f.maker(),
              f.side(),
              f.quantity(),
              price,
              f.receipt()));
      OrderRecord o = orders.get(f.orderHash());
      long matched = o.matched() + f.quantity();
      OrderState state = matched >= o.order().order().quantity() ? OrderState.FILLED : o.status();
      orders.put(
          o.orderHash(),
          new OrderRecord(
              o.orderHash(),
              o.order(),
              o.seq(),
              o.receivedAt(),
              state,
              matched,
              o.settled(),
              o.reason()));
    }
    ClearingRecord c =
        new ClearingRecord(clearingId, market, price, epoch, ClearingState.PENDING, 0, out, now);
    clearings.put(clearingId, c);
    return c;
  }
}

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

  private final Map<String, Auction> books = new java.util.HashMap<>();

  @Override
  public Optional<Auction> book(MarketKey market, long cutoff) {
    return Optional.ofNullable(books.get(market + "@" + cutoff));
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
  public List<ClearingRecord> recordClearings(List<NewClearing> parts) {
    if (failure != null) {
      throw failure;
    }
    for (NewClearing c : parts) {
      if (clearings.containsKey(c.id())) {
        throw new IllegalStateException("clearing " + c.id() + " recorded twice");
      }
    }
    List<ClearingRecord> recorded = new ArrayList<>();
    for (NewClearing c : parts) {
      List<FillRecord> out = new ArrayList<>();
      for (NewFill f : c.fills()) {
        out.add(
            new FillRecord(
                nextFill++,
                c.id(),
                f.orderHash(),
                f.maker(),
                f.side(),
                f.quantity(),
                c.price(),
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
      ClearingRecord r =
          new ClearingRecord(
              c.id(),
              c.market(),
              c.price(),
              c.epoch(),
              ClearingState.PENDING,
              0,
              out,
              c.createdAt(),
              c.cutoff(),
              c.book().root());
      books.put(
          c.market() + "@" + c.cutoff(), new Auction(c.market(), c.cutoff(), c.price(), c.book()));
      clearings.put(c.id(), r);
      recorded.add(r);
    }
    return recorded;
  }
}

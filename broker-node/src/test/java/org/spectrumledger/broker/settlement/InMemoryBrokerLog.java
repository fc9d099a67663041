package org.spectrumledger.broker.settlement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BatchState;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.SignedOrder;

/**
 * The settlement log in memory, with the broker store's rules: a fake to test the settler in
 * milliseconds. {@link #match} records a clearing as the epoch engine would. One call at a time, as
 * the store's lock has it: the settler's senders (several at once) and its recorder call it from
 * their own threads, and two batches planned at once must not share an id (they did, now and then,
 * before it was synchronized: the second was then refused as already settled and recorded settled
 * unsent).
 */
final class InMemoryBrokerLog implements SettlementLog {

  final Map<Bytes32, OrderRecord> orders = new LinkedHashMap<>();
  final Map<Long, ClearingRecord> clearings = new LinkedHashMap<>();
  final Map<Long, BatchRecord> batches = new LinkedHashMap<>();
  private long nextClearing = 1;
  private long nextFill = 1;
  private long nextBatch = 1;
  private long seq;

  /** An accepted, open order. */
  synchronized OrderRecord accept(Bytes32 hash, SignedOrder signed) {
    OrderRecord r = new OrderRecord(hash, signed, ++seq, 0, OrderState.OPEN, 0, 0, null);
    orders.put(hash, r);
    return r;
  }

  /**
   * A clearing of {@code market} at {@code price}, each order filled by its quantity in {@code
   * qty}.
   */
  synchronized ClearingRecord match(MarketKey market, long price, Map<Bytes32, Long> qty) {
    return match(market, price, qty, nextClearing);
  }

  /** A part of auction {@code epoch}: a clearing of {@code market}, as {@link #match}. */
  synchronized ClearingRecord match(
      MarketKey market, long price, Map<Bytes32, Long> qty, long epoch) {
    long id = nextClearing++;
    List<FillRecord> fills = new ArrayList<>();
    for (var e : qty.entrySet()) {
      OrderRecord o = orders.get(e.getKey());
      fills.add(
          new FillRecord(
              nextFill++,
              id,
              o.orderHash(),
              o.order().order().maker(),
              o.order().order().side(),
              e.getValue(),
              price,
              null));
      long matched = o.matched() + e.getValue();
      OrderState state = matched >= o.order().order().quantity() ? OrderState.FILLED : o.status();
      orders.put(o.orderHash(), with(o, state, matched, o.settled(), o.reason()));
    }
    ClearingRecord c =
        new ClearingRecord(id, market, price, epoch, ClearingState.PENDING, 0, fills, 0);
    clearings.put(id, c);
    return c;
  }

  private static OrderRecord with(
      OrderRecord o, OrderState s, long matched, long settled, String reason) {
    return new OrderRecord(
        o.orderHash(), o.order(), o.seq(), o.receivedAt(), s, matched, settled, reason);
  }

  private static ClearingRecord with(ClearingRecord c, ClearingState s, long batchId) {
    return new ClearingRecord(
        c.id(), c.market(), c.price(), c.epoch(), s, batchId, c.fills(), c.createdAt());
  }

  @Override
  public synchronized List<ClearingRecord> clearings(ClearingState state) {
    return clearings.values().stream().filter(c -> c.status() == state).toList();
  }

  @Override
  public synchronized List<ClearingRecord> clearingsOfBatch(long batchId) {
    return clearings.values().stream().filter(c -> c.batchId() == batchId).toList();
  }

  @Override
  public synchronized Optional<OrderRecord> order(Bytes32 orderHash) {
    return Optional.ofNullable(orders.get(orderHash));
  }

  @Override
  public synchronized BatchRecord planBatch(List<Long> clearingIds, int fills, long now) {
    long id = nextBatch++;
    for (long c : clearingIds) {
      ClearingRecord r = clearings.get(c);
      if (r.status() != ClearingState.PENDING) {
        throw new IllegalStateException("clearing " + c + " is not pending");
      }
      clearings.put(c, with(r, ClearingState.BATCHED, id));
    }
    BatchRecord b =
        new BatchRecord(id, BatchState.PLANNED, clearingIds, null, 0, 0, fills, now, 0, null);
    batches.put(id, b);
    return b;
  }

  @Override
  public synchronized void markSubmitting(long batchId) {
    BatchRecord b = batches.get(batchId);
    batches.put(
        batchId,
        new BatchRecord(
            b.batchId(),
            BatchState.SUBMITTING,
            b.clearingIds(),
            null,
            0,
            0,
            b.fills(),
            b.createdAt(),
            0,
            null));
  }

  @Override
  public synchronized void settleBatch(
      long batchId, Bytes32 txHash, long block, long gasUsed, long now) {
    BatchRecord b = batches.get(batchId);
    if (b == null || b.status() == BatchState.SETTLED) {
      return;
    }
    batches.put(
        batchId,
        new BatchRecord(
            b.batchId(),
            BatchState.SETTLED,
            b.clearingIds(),
            txHash,
            block,
            gasUsed,
            b.fills(),
            b.createdAt(),
            now,
            null));
    for (ClearingRecord c : clearingsOfBatch(batchId)) {
      if (c.status() != ClearingState.BATCHED) {
        continue;
      }
      clearings.put(c.id(), with(c, ClearingState.SETTLED, batchId));
      for (FillRecord f : c.fills()) {
        OrderRecord o = orders.get(f.orderHash());
        orders.put(
            o.orderHash(),
            with(o, o.status(), o.matched(), o.settled() + f.quantity(), o.reason()));
      }
    }
  }

  @Override
  public synchronized void abandonBatch(long batchId, String error) {
    BatchRecord b = batches.get(batchId);
    if (b.status() != BatchState.SETTLED) {
      batches.put(
          batchId,
          new BatchRecord(
              b.batchId(),
              BatchState.ABANDONED,
              b.clearingIds(),
              null,
              0,
              0,
              b.fills(),
              b.createdAt(),
              0,
              error));
    }
    for (ClearingRecord c : clearingsOfBatch(batchId)) {
      if (c.status() == ClearingState.BATCHED) {
        clearings.put(c.id(), with(c, ClearingState.PENDING, 0));
      }
    }
  }

  @Override
  public synchronized void dropClearings(
      List<Long> clearingIds, List<Bytes32> rejected, String reason) {
    for (long id : clearingIds) {
      ClearingRecord c = clearings.get(id);
      for (FillRecord f : c.fills()) {
        OrderRecord o = orders.get(f.orderHash());
        OrderState s = o.status() == OrderState.FILLED ? OrderState.OPEN : o.status();
        orders.put(o.orderHash(), with(o, s, o.matched() - f.quantity(), o.settled(), o.reason()));
      }
      clearings.put(id, with(c, ClearingState.DROPPED, c.batchId()));
    }
    for (Bytes32 h : rejected) {
      OrderRecord o = orders.get(h);
      orders.put(h, with(o, OrderState.REJECTED, o.matched(), o.settled(), reason));
    }
  }

  @Override
  public synchronized List<BatchRecord> unfinishedBatches() {
    return batches.values().stream()
        .filter(b -> b.status() == BatchState.PLANNED || b.status() == BatchState.SUBMITTING)
        .sorted(Comparator.comparingLong(BatchRecord::batchId))
        .toList();
  }

  @Override
  public synchronized Optional<BatchRecord> batch(long batchId) {
    return Optional.ofNullable(batches.get(batchId));
  }
}

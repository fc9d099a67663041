package org.spectrumledger.broker.http;

import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.broker.api.BatchStatus;
import org.spectrumledger.broker.api.BatchView;
import org.spectrumledger.broker.api.ClearingStatus;
import org.spectrumledger.broker.api.ClearingView;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.FillState;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderStatus;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.api.TradeView;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;

/** The broker's records as the wire contract's views: one mapping, used by every answer. */
public final class WireViews {

  private WireViews() {}

  public static OrderStatus status(org.spectrumledger.broker.store.OrderState s) {
    return switch (s) {
      case OPEN -> OrderStatus.OPEN;
      case FILLED -> OrderStatus.FILLED;
      case CANCELLED -> OrderStatus.CANCELLED;
      case EXPIRED -> OrderStatus.EXPIRED;
      case REJECTED -> OrderStatus.REJECTED;
    };
  }

  public static FillState state(ClearingState s) {
    return switch (s) {
      case PENDING, BATCHED -> FillState.MATCHED;
      case SETTLED -> FillState.SETTLED;
      case DROPPED -> FillState.DROPPED;
    };
  }

  /** A fill in {@code market}, in {@code state}, in batch {@code batchId} (0: none yet). */
  public static FillView fill(
      FillRecord f, MarketKey market, FillState state, long batchId, Bytes32 txHash) {
    return new FillView(
        f.id(),
        f.clearingId(),
        f.orderHash(),
        f.maker(),
        f.side(),
        market,
        f.quantity(),
        f.price(),
        state,
        batchId == 0 ? null : batchId,
        txHash,
        receipt(f.receipt()));
  }

  /** A stored receipt (the broker writes it as a {@link FillReceipt}'s JSON). */
  public static FillReceipt receipt(String stored) {
    return stored == null ? null : WireJson.read(stored, FillReceipt.class);
  }

  /** The fills of order {@code orderHash} in {@code market}, with their state and transaction. */
  public static List<FillView> fills(Bytes32 orderHash, MarketKey market, BrokerStore store) {
    List<FillView> fills = new ArrayList<>();
    for (BrokerStore.OrderFill of : store.fillsOf(orderHash)) {
      Bytes32 tx =
          of.state() == ClearingState.SETTLED && of.batchId() != 0
              ? store.batch(of.batchId()).map(BatchRecord::txHash).orElse(null)
              : null;
      fills.add(fill(of.fill(), market, state(of.state()), of.batchId(), tx));
    }
    return fills;
  }

  public static OrderView order(
      OrderRecord r, org.spectrumledger.broker.epoch.Timescale timescale, BrokerStore store) {
    Order o = r.order().order();
    List<FillView> fills = fills(r.orderHash(), o.market(), store);
    return new OrderView(
        r.orderHash(),
        o.maker(),
        o.nonce(),
        o.side(),
        o.market(),
        timescale.wire(),
        o.quantity(),
        o.limitPrice(),
        o.validUntil(),
        o.partialFill(),
        status(r.status()),
        r.matched(),
        r.settled(),
        r.reason(),
        fills);
  }

  public static TradeView trade(BrokerStore.Trade t) {
    FillRecord f = t.fill();
    return new TradeView(
        f.id(),
        f.clearingId(),
        f.orderHash(),
        f.maker(),
        f.side(),
        t.market(),
        f.quantity(),
        f.price(),
        t.batchId(),
        t.txHash(),
        t.settledAt());
  }

  /**
   * A clearing as the public sees it once it has cleared: price, volume and fills, without the
   * near-RT receipts (a receipt is its maker's, read through its order or its fill stream).
   */
  public static ClearingView clearing(ClearingRecord c, Bytes32 txHash) {
    List<FillView> fills = new ArrayList<>();
    for (FillRecord f : c.fills()) {
      FillView v = fill(f, c.market(), state(c.status()), c.batchId(), txHash);
      fills.add(
          new FillView(
              v.fillId(),
              v.clearingId(),
              v.orderHash(),
              v.maker(),
              v.side(),
              v.market(),
              v.quantity(),
              v.price(),
              v.state(),
              v.batchId(),
              v.txHash(),
              null));
    }
    return new ClearingView(
        c.id(), c.market(), c.price(), c.volume(), clearingStatus(c.status()), fills);
  }

  private static ClearingStatus clearingStatus(ClearingState s) {
    return switch (s) {
      case PENDING -> ClearingStatus.PENDING;
      case BATCHED -> ClearingStatus.BATCHED;
      case SETTLED -> ClearingStatus.SETTLED;
      case DROPPED -> ClearingStatus.DROPPED;
    };
  }

  /** A batch; with its clearings when {@code clearings} is not null. */
  public static BatchView batch(BatchRecord b, List<ClearingRecord> clearings) {
    List<ClearingView> cs = null;
    if (clearings != null) {
      cs = new ArrayList<>();
      for (ClearingRecord c : clearings) {
        cs.add(clearing(c, b.txHash()));
      }
    }
    return new BatchView(
        b.batchId(),
        switch (b.status()) {
          case PLANNED -> BatchStatus.PLANNED;
          case SUBMITTING -> BatchStatus.SUBMITTING;
          case SETTLED -> BatchStatus.SETTLED;
          case ABANDONED -> BatchStatus.ABANDONED;
        },
        b.txHash(),
        b.block(),
        b.gasUsed(),
        b.fills(),
        b.createdAt(),
        b.settledAt(),
        b.error(),
        cs);
  }
}

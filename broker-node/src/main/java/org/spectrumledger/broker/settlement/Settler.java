package org.spectrumledger.broker.settlement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.Fill;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.TxResult;

/**
 * Moves matched clearings onto the chain in batches.
 *
 * <p>Every period it packs pending clearings into batches (at most the contract's fill cap, one
 * clearing per market per batch, markets in ascending id as the contract requires), records each
 * batch with its id before anything is sent, simulates it, and sends it; several batches can be in
 * flight. The batch id makes a retry harmless: the exchange refuses an id it settled before, so
 * after a crash a batch is either found settled on chain or re-planned, never settled twice.
 *
 * <p>Each market of a batch settles on its own or is skipped by the exchange, with the custom error
 * that stopped it. Before a batch is sent, the markets that would be skipped are found by
 * simulation and taken out (they would burn gas for nothing); markets skipped on chain all the same
 * (the chain moved between simulation and inclusion) are read from the receipt's {@code
 * MarketSkipped} events. Either way the error names the culprit (an order hash, a maker, a market):
 * the culprit orders are rejected, the other orders go back to the book to be matched again in the
 * next epoch, and only the markets that settled are recorded as settled. A batch that reverts as a
 * whole (a batch id settled before, markets out of order) is handled the same way, clearing by
 * clearing.
 */
public final class Settler {

  private static final Logger LOG = LoggerFactory.getLogger(Settler.class);

  private final LedgerClient chain;
  private final BrokerStore store;
  private final Metrics metrics;
  private final SettlementListener listener;
  private final int maxFills;
  private final int maxInFlight;
  private final Map<Long, CompletableFuture<TxResult>> inFlight = new ConcurrentHashMap<>();

  public Settler(
      LedgerClient chain,
      BrokerStore store,
      Metrics metrics,
      SettlementListener listener,
      int maxFills,
      int maxInFlight) {
    if (maxFills < 2 || maxInFlight < 1) {
      throw new IllegalArgumentException("a batch needs room for 2 fills and 1 batch in flight");
    }
    this.chain = chain;
    this.store = store;
    this.metrics = metrics;
    this.listener = listener;
    this.maxFills = maxFills;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Finishes what a previous run left: a batch found settled on chain is recorded so; one that is
   * not, once no transaction of the broker's key is pending, goes back to be planned again.
   */
  public void recover() {
    List<BatchRecord> unfinished = store.unfinishedBatches();
    if (unfinished.isEmpty()) {
      return;
    }
    awaitNoPendingTransactions();
    for (BatchRecord b : unfinished) {
      if (chain.isBatchSettled(b.batchId())) {
        refuseSkipped(b.batchId(), chain.skippedMarkets(b.batchId()));
        Optional<LedgerEvent> e = chain.findBatchSettlement(b.batchId());
        recordSettled(
            b,
            e.map(x -> x.position().txHash()).orElse(null),
            e.map(x -> x.position().blockNumber()).orElse(0L),
            0);
        LOG.info(
            "recovery: batch {} was settled on chain in {}",
            b.batchId(),
            e.map(x -> x.position().txHash()).orElse(null));
      } else {
        store.abandonBatch(b.batchId(), "not on chain after a restart; re-planned");
        LOG.info(
            "recovery: batch {} never reached the chain; its clearings are pending again",
            b.batchId());
      }
    }
  }

  private void awaitNoPendingTransactions() {
    for (int i = 0; i < 120; i++) {
      if (chain.pendingTransactionCount() == 0) {
        return;
      }
      sleep(250);
    }
    throw new LedgerException(
        "the broker key still has pending transactions after 30 s; not recovering blind");
  }

  /** One settlement period: collect finished batches, then plan and send new ones. */
  public synchronized void tick() {
    collect();
    while (inFlight.size() < maxInFlight) {
      List<ClearingRecord> pending = store.clearings(ClearingState.PENDING);
      if (pending.isEmpty()) {
        return;
      }
      List<ClearingRecord> batch = pack(pending);
      if (batch.isEmpty()) {
        return;
      }
      submit(batch);
    }
  }

  /** Waits for every batch in flight (used on shutdown and in tests). */
  public void drain() {
    for (CompletableFuture<TxResult> f : List.copyOf(inFlight.values())) {
      try {
        f.join();
      } catch (RuntimeException e) {
        // reported by collect()
      }
    }
    synchronized (this) {
      collect();
    }
  }

  public int inFlight() {
    return inFlight.size();
  }

  /** Takes pending clearings in id order: one per market, at most {@code maxFills} fills. */
  List<ClearingRecord> pack(List<ClearingRecord> pending) {
    List<ClearingRecord> out = new ArrayList<>();
    Set<MarketKey> markets = new HashSet<>();
    int fills = 0;
    for (ClearingRecord c : pending) {
      if (markets.contains(c.market()) || fills + c.fills().size() > maxFills) {
        continue;
      }
      markets.add(c.market());
      fills += c.fills().size();
      out.add(c);
    }
    out.sort((a, b) -> a.market().id().compareTo(b.market().id()));
    return out;
  }

  private void submit(List<ClearingRecord> planned) {
    int fills = planned.stream().mapToInt(c -> c.fills().size()).sum();
    BatchRecord batch =
        store.planBatch(
            planned.stream().map(ClearingRecord::id).toList(), fills, System.currentTimeMillis());
    List<ClearingRecord> clearings = planned;
    CompletableFuture<TxResult> sent;
    try {
      // A market the exchange would skip costs gas for nothing: simulate, and take those out.
      Map<Integer, ContractRevertedException> toSkip =
          chain.marketsToSkip(batch.batchId(), toChain(planned));
      if (!toSkip.isEmpty()) {
        clearings = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
          if (toSkip.containsKey(i)) {
            refuseMarket(planned.get(i), toSkip.get(i));
          } else {
            clearings.add(planned.get(i));
          }
        }
        if (clearings.isEmpty()) {
          store.abandonBatch(batch.batchId(), "every market of the batch would be skipped");
          return;
        }
      }
      // Sending estimates the gas first, which runs the batch: a revert of the whole batch
      // surfaces here, decoded, before anything is broadcast.
      store.markSubmitting(batch.batchId());
      sent = chain.settleBatchAsync(batch.batchId(), toChain(clearings), 0);
    } catch (ContractRevertedException refusal) {
      handleRefusal(batch, clearings, refusal);
      return;
    } catch (LedgerException e) {
      if (!chain.isBatchSettled(batch.batchId())) {
        store.abandonBatch(batch.batchId(), e.getMessage());
      }
      throw e;
    }
    inFlight.put(batch.batchId(), sent);
    metrics.inc("broker_batches_submitted_total");
    // Record the outcome as soon as the receipt is in, not at the next period.
    sent.whenComplete((r, e) -> collectSoon());
  }

  private void collectSoon() {
    Thread.ofVirtual()
        .start(
            () -> {
              synchronized (this) {
                collect();
              }
            });
  }

  private void collect() {
    for (var e : List.copyOf(inFlight.entrySet())) {
      CompletableFuture<TxResult> f = e.getValue();
      if (!f.isDone()) {
        continue;
      }
      inFlight.remove(e.getKey());
      long batchId = e.getKey();
      BatchRecord batch = store.batch(batchId).orElseThrow();
      try {
        TxResult r = f.join();
        refuseSkipped(batchId, chain.skippedMarkets(r));
        recordSettled(batch, r.txHash(), r.blockNumber(), r.gasUsed());
        metrics.observe("broker_batch_gas", r.gasUsed());
      } catch (RuntimeException ex) {
        Throwable cause = ex.getCause() == null ? ex : ex.getCause();
        if (chain.isBatchSettled(batchId)) {
          refuseSkipped(batchId, chain.skippedMarkets(batchId));
          Optional<LedgerEvent> ev = chain.findBatchSettlement(batchId);
          recordSettled(
              batch,
              ev.map(x -> x.position().txHash()).orElse(null),
              ev.map(x -> x.position().blockNumber()).orElse(0L),
              0);
        } else if (cause instanceof ContractRevertedException revert) {
          handleRefusal(batch, store.clearingsOfBatch(batchId), revert);
        } else {
          LOG.warn("batch {}: {}; re-planning it", batchId, cause.getMessage());
          store.abandonBatch(batchId, cause.getMessage());
        }
      }
    }
  }

  private void recordSettled(BatchRecord batch, Bytes32 txHash, long block, long gas) {
    List<ClearingRecord> clearings =
        store.clearingsOfBatch(batch.batchId()).stream()
            .filter(c -> c.status() != ClearingState.DROPPED)
            .toList();
    long now = System.currentTimeMillis();
    store.settleBatch(batch.batchId(), txHash, block, gas, now);
    metrics.inc("broker_batches_settled_total");
    int fills = 0;
    for (ClearingRecord c : clearings) {
      fills += c.fills().size();
      metrics.observe("broker_settlement_latency_seconds", (now - c.createdAt()) / 1000.0);
    }
    metrics.add("broker_trades_settled_total", fills);
    LOG.info(
        "batch {} settled: {} markets, {} fills, tx {} in block {}",
        batch.batchId(),
        clearings.size(),
        fills,
        txHash,
        block);
    listener.settled(store.batch(batch.batchId()).orElse(batch), clearings);
  }

  /** The clearings of batch {@code batchId} the chain skipped are refused one by one. */
  private void refuseSkipped(long batchId, Map<MarketKey, ContractRevertedException> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    for (ClearingRecord c : store.clearingsOfBatch(batchId)) {
      ContractRevertedException e = skipped.get(c.market());
      if (e != null && c.status() == ClearingState.BATCHED) {
        refuseMarket(c, e);
      }
    }
  }

  /**
   * One market the exchange refused: its clearing is dropped, the orders the error names are
   * rejected, the others go back to the book.
   */
  private void refuseMarket(ClearingRecord c, ContractRevertedException e) {
    Set<Bytes32> culprits = new LinkedHashSet<>(culprits(e, c));
    String reason = "market " + c.market() + " skipped: " + e.getMessage();
    LOG.warn("{}; {} of its orders rejected", reason, culprits.size());
    metrics.inc("broker_markets_skipped_total", "error", e.errorName());
    store.dropClearings(List.of(c.id()), List.copyOf(culprits), reason);
    listener.dropped(List.of(c), List.copyOf(culprits), reason);
  }

  /** The orders of {@code c} that {@code e} names: by order hash, or by maker. */
  private static List<Bytes32> culprits(ContractRevertedException e, ClearingRecord c) {
    Optional<String> orderHash = e.argument("orderHash");
    Optional<String> maker = e.argument("maker").or(() -> e.argument("operator"));
    List<Bytes32> out = new ArrayList<>();
    for (FillRecord f : c.fills()) {
      if (orderHash.isPresent()
          ? f.orderHash().hex().equals(orderHash.get())
          : maker.isPresent() && f.maker().equals(Address.of(maker.get()))) {
        out.add(f.orderHash());
      }
    }
    return out;
  }

  /** Drops the clearings the refusal blames, rejects the culprit orders, re-plans the rest. */
  private void handleRefusal(
      BatchRecord batch, List<ClearingRecord> clearings, ContractRevertedException e) {
    String error = e.errorName();
    if (error.equals("ExchangeBatchAlreadySettled")) {
      Optional<LedgerEvent> ev = chain.findBatchSettlement(batch.batchId());
      recordSettled(
          batch,
          ev.map(x -> x.position().txHash()).orElse(null),
          ev.map(x -> x.position().blockNumber()).orElse(0L),
          0);
      return;
    }
    Set<Bytes32> culprits = new LinkedHashSet<>();
    List<ClearingRecord> blamed = new ArrayList<>();
    Optional<String> orderHash = e.argument("orderHash");
    Optional<String> maker = e.argument("maker").or(() -> e.argument("operator"));
    Optional<String> marketId = e.argument("marketId");
    for (ClearingRecord c : clearings) {
      boolean blame = false;
      for (FillRecord f : c.fills()) {
        if (orderHash.isPresent() && f.orderHash().hex().equals(orderHash.get())) {
          culprits.add(f.orderHash());
          blame = true;
        } else if (orderHash.isEmpty()
            && maker.isPresent()
            && f.maker().equals(Address.of(maker.get()))
            && (marketId.isEmpty() || c.market().id().toString().equals(marketId.get()))) {
          culprits.add(f.orderHash());
          blame = true;
        }
      }
      if (orderHash.isEmpty() && maker.isEmpty() && blamesMarket(e, c.market())) {
        blame = true;
      }
      if (blame) {
        blamed.add(c);
      }
    }
    if (blamed.isEmpty()) {
      // The error names nothing we can place: find the failing clearings one by one.
      for (ClearingRecord c : clearings) {
        if (chain.simulateSettleBatch(batch.batchId(), toChain(List.of(c))).isPresent()) {
          blamed.add(c);
          c.fills().forEach(f -> culprits.add(f.orderHash()));
        }
      }
    }
    String reason = e.getMessage();
    LOG.warn(
        "batch {} would revert: {}; dropping {} of its {} clearings",
        batch.batchId(),
        reason,
        blamed.size(),
        clearings.size());
    metrics.inc("broker_batches_refused_total", "error", error);
    store.abandonBatch(batch.batchId(), reason);
    store.dropClearings(
        blamed.stream().map(ClearingRecord::id).toList(), List.copyOf(culprits), reason);
    listener.dropped(blamed, List.copyOf(culprits), reason);
  }

  private static boolean blamesMarket(ContractRevertedException e, MarketKey m) {
    Optional<String> band = e.argument("band");
    Optional<String> cell = e.argument("cell");
    if (band.isPresent()) {
      return Long.parseLong(band.get()) == m.band()
          && (cell.isEmpty() || Long.parseUnsignedLong(cell.get()) == m.cell());
    }
    return false;
  }

  /** The clearings as the chain takes them, with each order as it was signed. */
  List<Clearing> toChain(List<ClearingRecord> clearings) {
    List<Clearing> out = new ArrayList<>();
    for (ClearingRecord c : clearings) {
      List<Fill> fills = new ArrayList<>();
      for (FillRecord f : c.fills()) {
        OrderRecord o =
            store
                .order(f.orderHash())
                .orElseThrow(
                    () -> new IllegalStateException("fill of unknown order " + f.orderHash()));
        fills.add(new Fill(o.order(), f.quantity()));
      }
      out.add(new Clearing(c.market(), c.price(), fills));
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted", e);
    }
  }
}

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.BatchProbe;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.EventPosition;
import org.spectrumledger.ledger.Fill;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Refusal;
import org.spectrumledger.ledger.TxResult;

/**
 * Moves matched clearings onto the chain in batches.
 *
 * <p>Every period it packs pending clearings into batches (at most the contract's fill cap, one
 * clearing per market per batch, markets in ascending id as the contract requires), records each
 * batch with its id before anything is sent, probes it (the exchange runs it once and undoes it,
 * telling the markets it would skip and the gas it needs), and sends it with that gas; several
 * batches can be in flight. The batch id makes a retry harmless: the exchange refuses an id it
 * settled before, so after a crash a batch is either found settled on chain or re-planned, never
 * settled twice.
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

  private final SettlementChain chain;
  private final SettlementLog store;
  private final Metrics metrics;
  private final SettlementListener listener;
  private final int maxFills;
  private final int maxInFlight;
  private final Map<Long, CompletableFuture<TxResult>> inFlight = new ConcurrentHashMap<>();

  /**
   * Gas a fill of an auction's parts costs, from the probe of its first part, by auction (market
   * and epoch): the other parts of the same auction are sent with it and not probed, since a probe
   * is a run of the batch on the node, as long as mining it. Kept while parts of the auction wait.
   */
  private final Map<String, Long> partGas = new ConcurrentHashMap<>();

  /** Headroom on a sibling part's gas: a later part may open positions the first one did not. */
  private static final int PART_GAS_MARGIN_PERCENT = 10;

  /**
   * The number of batches in flight that has the settler follow the blocks: it keeps {@value
   * #BLOCKS_AHEAD} blocks' worth of full batches sent and not yet mined ({@link #inFlightTarget}).
   */
  public static final int FOLLOW_THE_BLOCKS = 0;

  /**
   * Blocks' worth of gas kept sent and not yet mined when following the blocks: the node builds its
   * next block from a pool that holds a full one, and the one after, while the settler refills it.
   * With fewer, a block is built while the refill is still on its way (sending stalls while the
   * node executes a block) and goes out part empty.
   */
  static final int BLOCKS_AHEAD = 3;

  /** Batches in flight when following the blocks, at the least (and while they are not known). */
  static final int LEAST_IN_FLIGHT = 4;

  /** Batches in flight when following the blocks, at most (a node's pool limits a sender too). */
  static final int MOST_IN_FLIGHT = 64;

  /**
   * Gas a fill cost in the last batch mined that settled every market it was sent with, or before
   * one is, in the first probe; 0 until then.
   */
  private volatile long gasPerFill;

  /** The chain's block gas limit as last read, and when (nanoTime); guarded by {@link #sending}. */
  private long blockGasLimit;

  private long blockGasLimitReadAt;

  /** Set by {@link #close()}: nothing more is sent. */
  private volatile boolean closing;

  /**
   * After a receipt: a send and a record, each done by one run for all the receipts that come while
   * it runs (see {@link #collectSoon}).
   */
  private final CoalescedTask sendSoon =
      new CoalescedTask("settler-send", () -> afterReceipt(this::send));

  private final CoalescedTask recordSoon =
      new CoalescedTask("settler-record", () -> afterReceipt(this::collect));

  public Settler(
      SettlementChain chain,
      SettlementLog store,
      Metrics metrics,
      SettlementListener listener,
      int maxFills,
      int maxInFlight) {
    if (maxFills < 2 || maxInFlight < 0) {
      throw new IllegalArgumentException(
          "a batch needs room for 2 fills, and batches in flight must be positive or"
              + " FOLLOW_THE_BLOCKS");
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
        recordSettledOnChain(b);
        LOG.info("recovery: batch {} was settled on chain", b.batchId());
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

  /** Batches probed and sent side by side in one period, at most. */
  private static final int SUBMITTING_AT_ONCE = 4;

  /**
   * Held while receipts are recorded; sending holds its own lock, so a block's receipts being
   * recorded (the fills of every batch, stored and published) never keeps the next batches from
   * going out. Locks, not monitors: both are held across calls to the node from virtual threads,
   * which waiting on a monitor pins to their carrier on Java 21 (the store's own monitor still pins
   * for the length of a store call).
   */
  private final ReentrantLock collecting = new ReentrantLock();

  /** Held while batches are planned and sent. */
  private final ReentrantLock sending = new ReentrantLock();

  /**
   * One settlement period: records the batches mined since the last one, then plans new ones (as
   * many as may be in flight) and sends them, probing up to {@value #SUBMITTING_AT_ONCE} at a time:
   * a probe is a run of the batch on the node, and the parts of a large auction are many batches at
   * once.
   */
  public void tick() {
    collect();
    send();
  }

  /**
   * Batches sent and not yet mined. A mined batch leaves the room it held at once, before its
   * receipt is recorded: the node is given the next batch while the last one's fills are stored.
   */
  private int unmined() {
    int n = 0;
    for (CompletableFuture<TxResult> f : inFlight.values()) {
      if (!f.isDone()) {
        n++;
      }
    }
    return n;
  }

  private void send() {
    if (closing) {
      return;
    }
    sending.lock();
    try {
      sendLocked();
    } finally {
      sending.unlock();
    }
  }

  /**
   * Batches to keep sent and not yet mined: the configured number; or, following the blocks,
   * {@value #BLOCKS_AHEAD} blocks' worth of full batches at the gas per fill last seen, between
   * {@value #LEAST_IN_FLIGHT} and {@value #MOST_IN_FLIGHT}.
   */
  int inFlightTarget() {
    if (maxInFlight != FOLLOW_THE_BLOCKS) {
      return maxInFlight;
    }
    long perFill = gasPerFill;
    long limit = perFill > 0 ? blockGasLimit() : 0;
    if (limit <= 0) {
      return LEAST_IN_FLIGHT;
    }
    long batchGas = perFill * maxFills;
    if (limit / batchGas >= MOST_IN_FLIGHT) {
      return MOST_IN_FLIGHT;
    }
    long ahead = Math.ceilDiv(BLOCKS_AHEAD * limit, batchGas);
    return (int) Math.clamp(ahead, LEAST_IN_FLIGHT, MOST_IN_FLIGHT);
  }

  /** The block gas limit, read again after a minute; 0 while the node cannot say. */
  private long blockGasLimit() {
    sending.lock();
    try {
      long now = System.nanoTime();
      if (blockGasLimitReadAt == 0 || now - blockGasLimitReadAt > 60_000_000_000L) {
        blockGasLimitReadAt = now;
        try {
          blockGasLimit = Math.max(0, chain.blockGasLimit());
        } catch (RuntimeException e) {
          // (a limit past 2^63 does not fit either: the configured least is kept)
          LOG.debug("block gas limit not read: {}", e.getMessage());
          blockGasLimit = 0;
        }
      }
      return blockGasLimit;
    } finally {
      sending.unlock();
    }
  }

  /**
   * Sends nothing more: what is in flight is still recorded by {@link #drain()}. Called as the
   * broker closes, before its store does.
   */
  public void close() {
    closing = true;
  }

  private void sendLocked() {
    int room = inFlightTarget() - unmined();
    if (room <= 0) {
      return;
    }
    List<ClearingRecord> pending = new ArrayList<>(store.clearings(ClearingState.PENDING));
    // the parts of an auction still waiting keep its gas per fill; the others' entries go
    Set<String> waiting = new HashSet<>();
    pending.forEach(c -> waiting.add(auctionOf(c)));
    partGas.keySet().retainAll(waiting);
    List<List<ClearingRecord>> planned = new ArrayList<>();
    while (planned.size() < room && !pending.isEmpty()) {
      List<ClearingRecord> batch = pack(pending);
      if (batch.isEmpty()) {
        break;
      }
      planned.add(batch);
      Set<Long> taken = new HashSet<>();
      batch.forEach(c -> taken.add(c.id()));
      pending.removeIf(c -> taken.contains(c.id()));
    }
    if (planned.size() == 1) {
      submit(planned.getFirst());
      return;
    }
    // First the batches whose auctions have no probed part yet, then their sibling parts, which
    // are sent with the gas the first probe found. A batch refused here has its clearings back in
    // the books or pending again; they wait for the next period, so a batch refused as a whole is
    // not planned again and again.
    List<List<ClearingRecord>> first = new ArrayList<>();
    List<List<ClearingRecord>> siblings = new ArrayList<>();
    Set<String> probed = new HashSet<>(partGas.keySet());
    for (List<ClearingRecord> batch : planned) {
      boolean sibling = batch.stream().allMatch(c -> probed.contains(auctionOf(c)));
      (sibling ? siblings : first).add(batch);
      batch.forEach(c -> probed.add(auctionOf(c)));
    }
    RuntimeException failure = submitAll(first);
    RuntimeException later = submitAll(siblings);
    if (failure != null || later != null) {
      throw failure != null ? failure : later;
    }
  }

  /** Probes and sends batches, {@value #SUBMITTING_AT_ONCE} at a time; the first failure. */
  private RuntimeException submitAll(List<List<ClearingRecord>> planned) {
    if (planned.isEmpty()) {
      return null;
    }
    Semaphore slots = new Semaphore(SUBMITTING_AT_ONCE);
    List<Future<Boolean>> sent = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (List<ClearingRecord> batch : planned) {
        sent.add(
            pool.submit(
                () -> {
                  slots.acquire();
                  try {
                    return submit(batch);
                  } finally {
                    slots.release();
                  }
                }));
      }
    }
    RuntimeException failure = null;
    for (Future<Boolean> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r ? r : new LedgerException("settling", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LedgerException("interrupted while sending batches", e);
      }
    }
    return failure;
  }

  private static String auctionOf(ClearingRecord c) {
    return c.market().id() + "@" + c.epoch();
  }

  /**
   * The gas for a batch whose every clearing is a part of an auction probed before: its fills at
   * the probed gas per fill, with {@value #PART_GAS_MARGIN_PERCENT} % headroom; 0 when one is not.
   */
  private long siblingGas(List<ClearingRecord> batch) {
    long gas = 0;
    for (ClearingRecord c : batch) {
      Long perFill = partGas.get(auctionOf(c));
      if (perFill == null) {
        return 0;
      }
      gas += perFill * c.fills().size();
    }
    return gas + gas * PART_GAS_MARGIN_PERCENT / 100;
  }

  /** Forgets the probed gas of these clearings' auctions: their next batch is probed again. */
  private void forgetPartGas(List<ClearingRecord> clearings) {
    clearings.forEach(c -> partGas.remove(auctionOf(c)));
  }

  /** Waits for every batch in flight (used on shutdown and in tests). */
  public void drain() {
    do {
      for (CompletableFuture<TxResult> f : List.copyOf(inFlight.values())) {
        try {
          f.join();
        } catch (RuntimeException e) {
          // reported by collect()
        }
      }
      sendSoon.awaitIdle();
      recordSoon.awaitIdle();
      collect();
    } while (!inFlight.isEmpty());
  }

  /** Batches sent and not yet mined. */
  public int inFlight() {
    return unmined();
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

  /** Plans and sends a batch; false when nothing went out (refused, or every market skipped). */
  private boolean submit(List<ClearingRecord> planned) {
    int fills = planned.stream().mapToInt(c -> c.fills().size()).sum();
    BatchRecord batch =
        store.planBatch(
            planned.stream().map(ClearingRecord::id).toList(), fills, System.currentTimeMillis());
    List<ClearingRecord> clearings = planned;
    // the orders as signed, read from the store once for the probe and the send
    List<Clearing> onChain = toChain(planned);
    CompletableFuture<TxResult> sent;
    try {
      // A market the exchange would skip costs gas for nothing: probe the batch (one run of it on
      // the node, nothing kept), take those out, and send with the gas the probe found. Without
      // the skipped markets the batch needs no more gas than the probe used. A later part of an
      // auction whose first part probed clean is sent at that part's gas per fill instead: a
      // market skipped all the same is read from the receipt, and a part that runs out of gas
      // reverts whole and is probed when it is planned again.
      long known = siblingGas(planned);
      BatchProbe probe;
      if (known > 0) {
        probe = new BatchProbe(Map.of(), known);
        metrics.inc("broker_batches_sent_unprobed_total");
      } else {
        probe = chain.probe(batch.batchId(), onChain);
        if (probe.toSkip().isEmpty()) {
          long perFill = (probe.gasUsed() + fills - 1) / fills;
          planned.forEach(c -> partGas.put(auctionOf(c), perFill));
          if (gasPerFill == 0) {
            gasPerFill = perFill;
          }
        }
      }
      Map<Integer, ContractRevertedException> toSkip = probe.toSkip();
      if (!toSkip.isEmpty()) {
        clearings = new ArrayList<>();
        List<Clearing> kept = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
          if (toSkip.containsKey(i)) {
            refuseMarket(planned.get(i), toSkip.get(i));
          } else {
            clearings.add(planned.get(i));
            kept.add(onChain.get(i));
          }
        }
        onChain = kept;
        if (clearings.isEmpty()) {
          store.abandonBatch(batch.batchId(), "every market of the batch would be skipped");
          return false;
        }
      }
      // A revert of the whole batch surfaced in the probe, decoded, before anything is broadcast.
      store.markSubmitting(batch.batchId());
      sent = chain.send(batch.batchId(), onChain, probe.gasUsed());
    } catch (ContractRevertedException refusal) {
      handleRefusal(batch, clearings, refusal);
      return false;
    } catch (LedgerException e) {
      if (!chain.isBatchSettled(batch.batchId())) {
        store.abandonBatch(batch.batchId(), e.getMessage());
      }
      throw e;
    }
    inFlight.put(batch.batchId(), sent);
    metrics.inc("broker_batches_submitted_total");
    List<ClearingRecord> inBatch = clearings;
    // Record the outcome as soon as the receipt is in, not at the next period. A batch that
    // failed (a part out of gas, most likely) first stops lending its gas per fill to the sibling
    // parts that go out before its receipt is recorded: they are probed. Siblings sent before the
    // failure is known (in the same round, or while its receipt is looked up) still borrow it; one
    // that runs out of gas in turn reverts whole and is probed when planned again.
    sent.whenComplete(
        (r, e) -> {
          if (e != null) {
            forgetPartGas(inBatch);
          }
          collectSoon();
        });
    return true;
  }

  /**
   * As soon as a batch's receipt is in, sends what waits in the room it left, so the node always
   * holds batches for its next block (the parts of a large auction are many batches, more than may
   * be in flight at once), and beside that records the batch's outcome. The receipts of one block
   * come together: each asks, and what is asked while a send or a record runs is done by one more
   * run, not one each (a send reads the pending clearings, a record walks every batch in flight).
   */
  private void collectSoon() {
    sendSoon.ask();
    recordSoon.ask();
  }

  private static void afterReceipt(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("settling after a receipt: {}; the next period tries again", e.getMessage());
    }
  }

  private void collect() {
    collecting.lock();
    try {
      collectMined();
    } finally {
      collecting.unlock();
    }
  }

  private void collectMined() {
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
          recordSettledOnChain(batch);
        } else if (cause instanceof ContractRevertedException revert) {
          handleRefusal(batch, store.clearingsOfBatch(batchId), revert);
        } else {
          // (its auction's gas per fill was forgotten when the future failed, in submit)
          LOG.warn("batch {}: {}; re-planning it", batchId, cause.getMessage());
          store.abandonBatch(batchId, cause.getMessage());
        }
      }
    }
  }

  /** Records a batch found settled on chain, where the chain says it settled. */
  private void recordSettledOnChain(BatchRecord batch) {
    Optional<EventPosition> at = chain.settlementOf(batch.batchId());
    recordSettled(
        batch,
        at.map(EventPosition::txHash).orElse(null),
        at.map(EventPosition::blockNumber).orElse(0L),
        0);
  }

  private void recordSettled(BatchRecord batch, Bytes32 txHash, long block, long gas) {
    List<ClearingRecord> planned = store.clearingsOfBatch(batch.batchId());
    List<ClearingRecord> clearings =
        planned.stream().filter(c -> c.status() != ClearingState.DROPPED).toList();
    long now = System.currentTimeMillis();
    store.settleBatch(batch.batchId(), txHash, block, gas, now);
    metrics.inc("broker_batches_settled_total");
    int fills = 0;
    for (ClearingRecord c : clearings) {
      fills += c.fills().size();
      metrics.observe("broker_settlement_latency_seconds", (now - c.createdAt()) / 1000.0);
    }
    metrics.add("broker_trades_settled_total", fills);
    // a market taken out before sending, or skipped on chain, cost little or nothing
    if (gas > 0 && fills > 0 && clearings.size() == planned.size()) {
      gasPerFill = gas / fills;
    }
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
    if (e.error() instanceof ContractError.ExchangeInsufficientEscrow
        || e.error() instanceof ContractError.ExchangeInsufficientHoldings
        || e.error() instanceof ContractError.PolicyOperatorSuspended
        || e.error() instanceof ContractError.PolicyOperatorNotRegistered) {
      noteRefusals(culprits);
    }
  }

  /**
   * Notes at the court the orders the exchange refused for their maker's funding, each maker's (and
   * side's) together, while the chain still shows them unfunded: they keep their leaves among the
   * rest of their market's later auctions, and the note is what answers a challenge that the rule
   * should have filled them. A note the court refuses (the shortfall was not the maker's: the chain
   * moved since the simulation) is logged.
   */
  private void noteRefusals(Set<Bytes32> culprits) {
    Map<String, List<org.spectrumledger.ledger.Order>> byMaker = new java.util.LinkedHashMap<>();
    for (Bytes32 h : culprits) {
      store
          .order(h)
          .map(r -> r.order().order())
          .ifPresent(
              o ->
                  byMaker
                      .computeIfAbsent(o.maker() + "/" + o.side(), k -> new ArrayList<>())
                      .add(o));
    }
    for (List<org.spectrumledger.ledger.Order> orders : byMaker.values()) {
      try {
        chain.noteRefusal(orders);
        metrics.inc("broker_refusals_noted_total");
      } catch (RuntimeException ex) {
        LOG.warn(
            "could not note the refusal of {} order(s) of {} at the court: {}",
            orders.size(),
            orders.getFirst().maker(),
            ex.getMessage());
      }
    }
  }

  /** The orders of {@code c} that {@code e} blames: the one it names, or its maker's. */
  private static List<Bytes32> culprits(ContractRevertedException e, ClearingRecord c) {
    List<Bytes32> out = new ArrayList<>();
    for (FillRecord f : c.fills()) {
      boolean blamed =
          switch (e.refusal()) {
            case Refusal.OfOrder o -> f.orderHash().equals(o.orderHash());
            case Refusal.OfMaker m -> f.maker().equals(m.maker());
            case Refusal.OfMarket x -> false;
            case Refusal.OfBatch x -> false;
          };
      if (blamed) {
        out.add(f.orderHash());
      }
    }
    return out;
  }

  /**
   * The whole batch was refused. A batch id settled before is recorded as settled; any other error
   * of the batch itself is the broker's own, and its clearings are planned again; an error of one
   * market (which the exchange normally skips) is placed by simulating each market, and that market
   * refused.
   */
  private void handleRefusal(
      BatchRecord batch, List<ClearingRecord> clearings, ContractRevertedException e) {
    metrics.inc("broker_batches_refused_total", "error", e.errorName());
    forgetPartGas(clearings);
    if (e.refusal() instanceof Refusal.OfBatch b) {
      if (b.error() instanceof ContractError.ExchangeBatchAlreadySettled) {
        recordSettledOnChain(batch);
        return;
      }
      LOG.warn(
          "batch {} refused as a whole: {}; planning its clearings again",
          batch.batchId(),
          e.getMessage());
      store.abandonBatch(batch.batchId(), e.getMessage());
      return;
    }
    LOG.warn(
        "batch {} would revert: {}; finding its failing markets", batch.batchId(), e.getMessage());
    for (ClearingRecord c : clearings) {
      chain
          .simulate(batch.batchId(), toChain(List.of(c)))
          .or(
              () ->
                  chain.probe(batch.batchId(), toChain(List.of(c))).toSkip().values().stream()
                      .findFirst())
          .ifPresent(refusal -> refuseMarket(c, refusal));
    }
    store.abandonBatch(batch.batchId(), e.getMessage());
  }

  /** The clearings as the chain takes them, with each order as it was signed. */
  List<Clearing> toChain(List<ClearingRecord> clearings) {
    List<Bytes32> hashes = new ArrayList<>();
    clearings.forEach(c -> c.fills().forEach(f -> hashes.add(f.orderHash())));
    Map<Bytes32, OrderRecord> orders = store.orders(hashes);
    List<Clearing> out = new ArrayList<>();
    for (ClearingRecord c : clearings) {
      List<Fill> fills = new ArrayList<>();
      for (FillRecord f : c.fills()) {
        OrderRecord o = orders.get(f.orderHash());
        if (o == null) {
          throw new IllegalStateException("fill of unknown order " + f.orderHash());
        }
        fills.add(new Fill(o.order(), f.quantity()));
      }
      // A clearing recorded before auctions had books commits a book of its own fills.
      out.add(
          c.bookRoot() == null
              ? new Clearing(c.market(), c.price(), fills)
              : new Clearing(c.market(), c.price(), c.cutoff(), c.bookRoot(), fills));
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

package org.spectrumledger.broker.settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.spectrumledger.ledger.BatchProbe;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.EventPosition;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.TxResult;

/**
 * An exchange in memory for the settler's tests: it settles what it is sent unless told to refuse a
 * market, skip one on chain, refuse the whole batch or be unreachable, and it remembers which batch
 * ids settled where, as the contract does.
 */
final class FakeSettlementChain implements SettlementChain {

  /** Markets the exchange would skip (seen by simulating before sending). */
  final Map<MarketKey, ContractRevertedException> refuseMarkets = new HashMap<>();

  /** Markets skipped on chain, although the simulation let them through (a race). */
  final Map<MarketKey, ContractRevertedException> skipOnChain = new HashMap<>();

  /**
   * When set, sending reverts with this as a whole although simulating each market passes (the
   * chain changed in between).
   */
  ContractRevertedException refuseBatch;

  /** When set, sending fails with this before anything reaches the chain. */
  LedgerException unreachable;

  /**
   * When set, a batch sent with less gas than it needs is mined and reverts (the future fails), as
   * on a node; when not, the node's gas estimate refuses it before it is sent.
   */
  boolean outOfGasWhenMined;

  /** Batches mined that reverted. */
  final List<List<Clearing>> revertedOnChain = new ArrayList<>();

  /** When set, the transaction is sent but its receipt never comes: the future fails. */
  RuntimeException lostReceipt;

  /** Transactions of the broker still unmined; each poll mines one. */
  long pending;

  /** The batch the last pending transaction settles, when it is mined. */
  long pendingBatch;

  List<Clearing> pendingClearings;

  final Map<Long, EventPosition> settled = new LinkedHashMap<>();
  final Map<Long, Map<MarketKey, ContractRevertedException>> skippedOf = new HashMap<>();
  final List<List<Clearing>> sent = new ArrayList<>();

  /** Orders whose refusal was noted at the court, one maker's together. */
  final List<List<org.spectrumledger.ledger.Order>> noted = new ArrayList<>();

  private long block = 100;

  /** The block gas limit the node reports; 0: it cannot say. */
  long blockGasLimit;

  /** When set, batches sent stay unmined (their receipts wait) until {@link #mineHeld()}. */
  boolean holdReceipts;

  private final List<Runnable> held = new ArrayList<>();

  /** When set, reading the block gas limit fails with this. */
  RuntimeException blockGasLimitFailure;

  @Override
  public long blockGasLimit() {
    if (blockGasLimitFailure != null) {
      throw blockGasLimitFailure;
    }
    return blockGasLimit;
  }

  /** Mines the batches held unmined: their receipts come. */
  void mineHeld() {
    List<Runnable> mined;
    synchronized (this) {
      mined = List.copyOf(held);
      held.clear();
    }
    mined.forEach(Runnable::run);
  }

  @Override
  public void noteRefusal(List<org.spectrumledger.ledger.Order> orders) {
    noted.add(orders);
  }

  /** The revert the exchange gives with {@code error}, as a simulation finds it. */
  static ContractRevertedException refused(ContractError error) {
    return new ContractRevertedException("settleBatch", error, null);
  }

  /** A market-wide refusal: {@code market} lies in a protection zone. */
  static ContractRevertedException protectedMarket(MarketKey market) {
    return refused(
        new ContractError.PolicyMarketProtected(
            market.band(), market.cell(), 1, market.slotStart(), market.slotEnd()));
  }

  /** Probes say a fill costs this much gas. */
  static final long GAS_PER_FILL = 43_000;

  /** The probed gas each sent batch was given, in the order sent. */
  final List<Long> probedGas = new ArrayList<>();

  /** Batches probed. */
  int probes;

  /**
   * What a fill of an order costs, by the order's nonce, where not {@link #GAS_PER_FILL}: a probe
   * says so, and a batch sent with less gas runs out.
   */
  final Map<Long, Long> gasPerFillOf = new java.util.concurrent.ConcurrentHashMap<>();

  private long gasNeeded(List<Clearing> clearings) {
    long gas = 0;
    for (Clearing c : clearings) {
      for (var f : c.fills()) {
        gas += gasPerFillOf.getOrDefault(f.order().order().nonce(), GAS_PER_FILL);
      }
    }
    return gas;
  }

  @Override
  public synchronized BatchProbe probe(long batchId, List<Clearing> clearings) {
    probes++;
    Map<Integer, ContractRevertedException> out = new LinkedHashMap<>();
    for (int i = 0; i < clearings.size(); i++) {
      ContractRevertedException e = refuseMarkets.get(clearings.get(i).market());
      if (e != null) {
        out.put(i, e);
      }
    }
    return new BatchProbe(out, gasNeeded(clearings));
  }

  @Override
  public Optional<ContractRevertedException> simulate(long batchId, List<Clearing> clearings) {
    if (settled.containsKey(batchId)) {
      return Optional.of(refused(new ContractError.ExchangeBatchAlreadySettled(batchId)));
    }
    return clearings.stream()
        .map(c -> refuseMarkets.get(c.market()))
        .filter(e -> e != null)
        .findFirst();
  }

  @Override
  public synchronized CompletableFuture<TxResult> send(
      long batchId, List<Clearing> clearings, long probedGas) {
    if (unreachable != null) {
      throw unreachable;
    }
    if (probedGas > 0 && probedGas < gasNeeded(clearings) && outOfGasWhenMined) {
      revertedOnChain.add(List.copyOf(clearings));
      return CompletableFuture.failedFuture(
          refused(
              new ContractError.ExchangeMarketOutOfGas(
                  batchId, clearings.getFirst().market().id())));
    }
    if (probedGas > 0 && probedGas < gasNeeded(clearings)) {
      // as the exchange reverts a batch whose market ran out of gas
      throw refused(
          new ContractError.ExchangeMarketOutOfGas(batchId, clearings.getFirst().market().id()));
    }
    if (settled.containsKey(batchId)) {
      throw refused(new ContractError.ExchangeBatchAlreadySettled(batchId));
    }
    if (refuseBatch != null) {
      throw refuseBatch;
    }
    sent.add(List.copyOf(clearings));
    this.probedGas.add(probedGas);
    Map<MarketKey, ContractRevertedException> skipped = new LinkedHashMap<>();
    for (Clearing c : clearings) {
      ContractRevertedException e = skipOnChain.get(c.market());
      if (e != null) {
        skipped.put(c.market(), e);
      }
    }
    Bytes32 tx = Bytes32.of(String.format("0x%064x", batchId * 7919));
    EventPosition at = new EventPosition(++block, 0, tx);
    settled.put(batchId, at);
    skippedOf.put(batchId, skipped);
    if (lostReceipt != null) {
      return CompletableFuture.failedFuture(lostReceipt);
    }
    TxResult receipt =
        new TxResult(tx, at.blockNumber(), 40_000L * clearings.size(), null, List.of(), 1);
    if (holdReceipts) {
      CompletableFuture<TxResult> unmined = new CompletableFuture<>();
      held.add(() -> unmined.complete(receipt));
      return unmined;
    }
    return CompletableFuture.completedFuture(receipt);
  }

  @Override
  public Map<MarketKey, ContractRevertedException> skippedMarkets(TxResult settledTx) {
    return settled.entrySet().stream()
        .filter(e -> e.getValue().txHash().equals(settledTx.txHash()))
        .findFirst()
        .map(e -> skippedOf.get(e.getKey()))
        .orElse(Map.of());
  }

  @Override
  public Map<MarketKey, ContractRevertedException> skippedMarkets(long batchId) {
    return skippedOf.getOrDefault(batchId, Map.of());
  }

  @Override
  public boolean isBatchSettled(long batchId) {
    return settled.containsKey(batchId);
  }

  @Override
  public Optional<EventPosition> settlementOf(long batchId) {
    return Optional.ofNullable(settled.get(batchId));
  }

  @Override
  public long pendingTransactionCount() {
    if (pending > 0 && --pending == 0 && pendingClearings != null) {
      send(pendingBatch, pendingClearings, 0);
    }
    return pending;
  }
}

package org.spectrumledger.broker.settlement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.spectrumledger.ledger.BatchProbe;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.EventPosition;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.TxResult;

/**
 * What the {@link Settler} needs of the chain: the port it is tested through with a fake, and that
 * {@link #of(LedgerClient)} adapts to the exchange.
 */
public interface SettlementChain {

  /**
   * The batch run as the exchange would settle it now, nothing kept: the clearings it would skip,
   * by index, with why, and the gas it needs. Throws the revert when the whole batch would revert.
   */
  BatchProbe probe(long batchId, List<Clearing> clearings);

  /** Empty when the batch as a whole would settle now; the refusal when it would not. */
  Optional<ContractRevertedException> simulate(long batchId, List<Clearing> clearings);

  /**
   * Sends a batch with the gas its probe found ({@code probedGas}, 0 to have the node estimate);
   * the future completes with its receipt, or fails with its revert.
   */
  CompletableFuture<TxResult> send(long batchId, List<Clearing> clearings, long probedGas);

  /** The markets a settled batch skipped, from its receipt. */
  Map<MarketKey, ContractRevertedException> skippedMarkets(TxResult settled);

  /** The markets batch {@code batchId} skipped, from the chain (after a restart). */
  Map<MarketKey, ContractRevertedException> skippedMarkets(long batchId);

  boolean isBatchSettled(long batchId);

  /** Where batch {@code batchId} settled, if it did. */
  Optional<EventPosition> settlementOf(long batchId);

  /** Transactions of the broker's key the node holds unmined. */
  long pendingTransactionCount();

  /**
   * The gas limit of the chain's latest block, which bounds what one block can settle; 0 when it is
   * not known.
   */
  default long blockGasLimit() {
    return 0;
  }

  /**
   * Notes at the court that the exchange refused {@code orders} (one maker's, on one side, in one
   * market) for their maker's funding (the court checks it now), so that leaving them out of later
   * auctions is no breach of the rule.
   */
  default void noteRefusal(List<org.spectrumledger.ledger.Order> orders) {}

  /** The exchange behind {@code ledger}, signing with its key. */
  static SettlementChain of(LedgerClient ledger) {
    return new SettlementChain() {
      @Override
      public BatchProbe probe(long batchId, List<Clearing> clearings) {
        return ledger.exchange().probeBatch(batchId, clearings);
      }

      @Override
      public Optional<ContractRevertedException> simulate(long batchId, List<Clearing> clearings) {
        return ledger.exchange().simulateSettleBatch(batchId, clearings);
      }

      @Override
      public CompletableFuture<TxResult> send(
          long batchId, List<Clearing> clearings, long probedGas) {
        return probedGas > 0
            ? ledger.exchange().settleProbedBatchAsync(batchId, clearings, probedGas)
            : ledger.exchange().settleBatchAsync(batchId, clearings, 0);
      }

      @Override
      public Map<MarketKey, ContractRevertedException> skippedMarkets(TxResult settled) {
        return ledger.exchange().skippedMarkets(settled);
      }

      @Override
      public Map<MarketKey, ContractRevertedException> skippedMarkets(long batchId) {
        return ledger.exchange().skippedMarkets(batchId);
      }

      @Override
      public boolean isBatchSettled(long batchId) {
        return ledger.exchange().isBatchSettled(batchId);
      }

      @Override
      public Optional<EventPosition> settlementOf(long batchId) {
        return ledger.exchange().findBatchSettlement(batchId).map(LedgerEvent::position);
      }

      @Override
      public long pendingTransactionCount() {
        return ledger.pendingTransactionCount();
      }

      @Override
      public long blockGasLimit() {
        return ledger.latestBlocks(1).getFirst().gasLimit();
      }

      @Override
      public void noteRefusal(List<org.spectrumledger.ledger.Order> orders) {
        ledger.court().noteRefusal(orders);
      }
    };
  }
}

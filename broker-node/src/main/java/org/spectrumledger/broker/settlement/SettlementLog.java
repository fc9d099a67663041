package org.spectrumledger.broker.settlement;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Bytes32;

/**
 * What the {@link Settler} records: clearings on their way to the chain and the batches carrying
 * them. The broker's store implements it durably; tests use an in-memory one. Every method is one
 * transaction.
 */
public interface SettlementLog {

  /** Clearings in {@code state}, oldest first. */
  List<ClearingRecord> clearings(ClearingState state);

  /** Clearings of a batch, dropped ones included. */
  List<ClearingRecord> clearingsOfBatch(long batchId);

  Optional<OrderRecord> order(Bytes32 orderHash);

  /** The orders behind {@code orderHashes}, by hash; an unknown hash has no entry. */
  default Map<Bytes32, OrderRecord> orders(Collection<Bytes32> orderHashes) {
    Map<Bytes32, OrderRecord> out = new HashMap<>();
    for (Bytes32 h : orderHashes) {
      order(h).ifPresent(o -> out.put(h, o));
    }
    return out;
  }

  /** Assigns the next batch id to these pending clearings. */
  BatchRecord planBatch(List<Long> clearingIds, int fills, long now);

  void markSubmitting(long batchId);

  /** The batch settled: its batched clearings settle, their orders' settled quantities grow. */
  void settleBatch(long batchId, Bytes32 txHash, long block, long gasUsed, long now);

  /** The batch never reached the chain: its batched clearings go back to pending. */
  void abandonBatch(long batchId, String error);

  /**
   * Clearings the chain refused: their fills no longer count as matched, their orders go back to
   * the book, except {@code rejected}, which close with {@code reason}.
   */
  void dropClearings(List<Long> clearingIds, List<Bytes32> rejected, String reason);

  /** Batches planned or being submitted, oldest first. */
  List<BatchRecord> unfinishedBatches();

  Optional<BatchRecord> batch(long batchId);
}

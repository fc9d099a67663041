package org.spectrumledger.broker.store;

import java.util.List;
import org.spectrumledger.ledger.Bytes32;

/**
 * A settlement batch.
 *
 * @param batchId the on-chain batch id
 * @param status planned, submitting, settled or abandoned
 * @param clearingIds the clearings it carries
 * @param txHash the settling transaction, once known
 * @param block its block, or 0
 * @param gasUsed gas it used, or 0
 * @param fills fills it carries
 * @param createdAt epoch milliseconds
 * @param settledAt epoch milliseconds, or 0
 * @param error why it was abandoned, or null
 */
public record BatchRecord(
    long batchId,
    BatchState status,
    List<Long> clearingIds,
    Bytes32 txHash,
    long block,
    long gasUsed,
    int fills,
    long createdAt,
    long settledAt,
    String error) {
  public BatchRecord {
    clearingIds = List.copyOf(clearingIds);
  }
}

package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.Bytes32;

/**
 * A settlement batch; {@code createdAt}/{@code settledAt} in unix milliseconds (0: not yet); {@code
 * clearings} only when one batch is asked for.
 */
public record BatchView(
    long batchId,
    BatchStatus status,
    @Nullable Bytes32 txHash,
    long block,
    long gasUsed,
    int fills,
    long createdAt,
    long settledAt,
    @Nullable String error,
    @Nullable List<ClearingView> clearings) {

  public BatchView {
    clearings = clearings == null ? null : List.copyOf(clearings);
  }
}

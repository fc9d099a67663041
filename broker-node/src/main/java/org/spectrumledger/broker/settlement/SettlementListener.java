package org.spectrumledger.broker.settlement;

import java.util.List;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.ledger.Bytes32;

/** What the rest of the broker learns from settlement. */
public interface SettlementListener {

  /** A batch settled on chain with these clearings. */
  void settled(BatchRecord batch, List<ClearingRecord> clearings);

  /**
   * Clearings were dropped because the chain would refuse them; their orders are back in the book,
   * except {@code rejected}, which are closed.
   */
  void dropped(List<ClearingRecord> clearings, List<Bytes32> rejected, String reason);
}

package org.spectrumledger.ledger;

import java.util.List;
import org.spectrumledger.ledger.internal.ReceiptEvents;

/**
 * A mined transaction that succeeded (one that reverted is thrown as an exception instead).
 *
 * @param txHash its hash
 * @param blockNumber the block it is in
 * @param gasUsed gas it used
 * @param contractAddress the contract it created, or null
 * @param events the project's events it emitted, decoded, in log order
 * @param latencyNanos time from broadcast to receipt
 */
public record TxResult(
    Bytes32 txHash,
    long blockNumber,
    long gasUsed,
    Address contractAddress,
    List<LedgerEvent> events,
    long latencyNanos) {

  public TxResult {
    // a receipt's events stay undecoded until read
    events = events instanceof ReceiptEvents ? events : List.copyOf(events);
  }

  /** The events named {@code name}. */
  public List<LedgerEvent> events(String name) {
    if (events instanceof ReceiptEvents r) {
      return r.named(name);
    }
    return events.stream().filter(e -> e.name().equals(name)).toList();
  }
}

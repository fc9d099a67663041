package org.spectrumledger.ledger;

/**
 * Where an event sits in the chain; positions order events totally, so a stream can resume strictly
 * after the last one it delivered.
 *
 * @param blockNumber the block
 * @param logIndex the log's index in the block
 * @param txHash the transaction that emitted it
 */
public record EventPosition(long blockNumber, long logIndex, Bytes32 txHash)
    implements Comparable<EventPosition> {

  @Override
  public int compareTo(EventPosition o) {
    int c = Long.compare(blockNumber, o.blockNumber);
    return c != 0 ? c : Long.compare(logIndex, o.logIndex);
  }

  /** Whether this event comes strictly after {@code cursor} (null: every event does). */
  public boolean isAfter(EventCursor cursor) {
    return cursor == null
        || blockNumber > cursor.blockNumber()
        || (blockNumber == cursor.blockNumber() && logIndex > cursor.logIndex());
  }
}

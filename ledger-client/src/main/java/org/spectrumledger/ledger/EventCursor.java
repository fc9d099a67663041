package org.spectrumledger.ledger;

/**
 * The last event a consumer has processed. Persist it after processing; a stream resumed from it
 * delivers every later event exactly once.
 *
 * @param blockNumber block of the last processed event
 * @param logIndex its log index ({@code -1}: every event of that block is still to come)
 */
public record EventCursor(long blockNumber, long logIndex) {

  /** A cursor before every event of {@code block}. */
  public static EventCursor beforeBlock(long block) {
    return new EventCursor(block, -1);
  }

  /** The cursor at {@code position}. */
  public static EventCursor at(EventPosition position) {
    return new EventCursor(position.blockNumber(), position.logIndex());
  }

  @Override
  public String toString() {
    return blockNumber + ":" + logIndex;
  }

  /** Parses {@code block:logIndex}. */
  public static EventCursor parse(String text) {
    String[] p = text.strip().split(":");
    if (p.length != 2) {
      throw new IllegalArgumentException("event cursor must look like block:logIndex: " + text);
    }
    return new EventCursor(Long.parseLong(p[0]), Long.parseLong(p[1]));
  }
}

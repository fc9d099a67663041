package org.spectrumledger.broker.book;

/** What became of a request to the order book: accepted, or why not. */
public enum BookOutcome {
  /** Done. */
  ACCEPTED,
  /** An order with that id is already in the book. */
  DUPLICATE_ID,
  /** The limit price is not a positive multiple of the market's tick (or above its maximum). */
  INVALID_PRICE,
  /** The quantity is not a positive multiple of the market's lot. */
  INVALID_QUANTITY,
  /** The side's total open quantity would overflow a {@code long}. */
  SIDE_TOTAL_TOO_LARGE,
  /** No order with that id is in the book. */
  UNKNOWN_ORDER,
  /** The reduction is larger than the order's open quantity. */
  REDUCTION_TOO_LARGE,
  /** The reduction would leave part of an all-or-none order open. */
  ALL_OR_NONE_PARTLY_REDUCED;

  public boolean isAccepted() {
    return this == ACCEPTED;
  }
}

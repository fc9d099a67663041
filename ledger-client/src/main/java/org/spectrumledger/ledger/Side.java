package org.spectrumledger.ledger;

/** Side of an order; the ordinal is the on-chain {@code uint8}. */
public enum Side {
  /** Buys SRU. */
  BID,
  /** Sells SRU. */
  ASK;

  /** The side for its on-chain code (0 = bid, 1 = ask). */
  public static Side ofCode(int code) {
    return switch (code) {
      case 0 -> BID;
      case 1 -> ASK;
      default -> throw new IllegalArgumentException("not an order side: " + code);
    };
  }

  /** The on-chain code. */
  public int code() {
    return ordinal();
  }
}

package org.spectrumledger.broker.epoch;

/**
 * How fast a market clears. Non-RT markets (slots of a minute or more) clear at epoch boundaries;
 * near-RT markets (shorter slots) clear every ~100 ms and at once when an arriving order crosses
 * the book, answering each fill with a signed receipt.
 */
public enum Timescale {
  NON_RT,
  NEAR_RT;

  public String label() {
    return this == NON_RT ? "non-rt" : "near-rt";
  }

  /** The same timescale as the wire contract names it. */
  public org.spectrumledger.broker.api.Timescale wire() {
    return this == NEAR_RT
        ? org.spectrumledger.broker.api.Timescale.NEAR_RT
        : org.spectrumledger.broker.api.Timescale.NON_RT;
  }
}

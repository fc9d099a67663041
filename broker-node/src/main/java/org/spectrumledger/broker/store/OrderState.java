package org.spectrumledger.broker.store;

/** The broker's view of an accepted order. */
public enum OrderState {
  /** In the book with quantity left to match. */
  OPEN,
  /** Fully matched (settled or settling). */
  FILLED,
  /** Cancelled by its maker (signed cancel, or on chain). */
  CANCELLED,
  /** Past its validUntil with quantity unmatched. */
  EXPIRED,
  /** Dropped because the chain refused it at settlement (reason recorded). */
  REJECTED
}

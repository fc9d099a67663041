package org.spectrumledger.broker.store;

/** A batch's life: planned, being submitted, settled on chain, or abandoned unsent. */
public enum BatchState {
  PLANNED,
  SUBMITTING,
  SETTLED,
  ABANDONED
}

package org.spectrumledger.broker.store;

/** Where a clearing is on its way to the chain. */
public enum ClearingState {
  PENDING,
  BATCHED,
  SETTLED,
  DROPPED
}

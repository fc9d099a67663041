package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where one fill is on its way to the chain. */
public enum FillState {
  /** Matched in an auction, not settled yet. */
  @JsonProperty("matched")
  MATCHED,
  /** Settled on chain (its batch's transaction is known). */
  @JsonProperty("settled")
  SETTLED,
  /** The chain refused its market; the order went back to the book or was rejected. */
  @JsonProperty("dropped")
  DROPPED
}

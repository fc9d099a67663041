package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where one market's clearing is on its way to the chain. */
public enum ClearingStatus {
  @JsonProperty("pending")
  PENDING,
  @JsonProperty("batched")
  BATCHED,
  @JsonProperty("settled")
  SETTLED,
  @JsonProperty("dropped")
  DROPPED
}

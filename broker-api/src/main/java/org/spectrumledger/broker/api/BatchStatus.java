package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A settlement batch's life. */
public enum BatchStatus {
  @JsonProperty("planned")
  PLANNED,
  @JsonProperty("submitting")
  SUBMITTING,
  @JsonProperty("settled")
  SETTLED,
  /** Never reached the chain; its clearings were planned again. */
  @JsonProperty("abandoned")
  ABANDONED
}

package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an accepted order stands at the broker. */
public enum OrderStatus {
  /** In the book with quantity left to match. */
  @JsonProperty("open")
  OPEN,
  /** Fully matched: settled, or settling. */
  @JsonProperty("filled")
  FILLED,
  /** Cancelled by its maker (a signed cancel, or on chain). */
  @JsonProperty("cancelled")
  CANCELLED,
  /** Past its validity with quantity unmatched. */
  @JsonProperty("expired")
  EXPIRED,
  /** Closed because the chain refused it at settlement (the reason says why). */
  @JsonProperty("rejected")
  REJECTED
}

package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a market clears: in epochs (non-RT) or at once as orders arrive (near-RT). */
public enum Timescale {
  @JsonProperty("non-rt")
  NON_RT,
  @JsonProperty("near-rt")
  NEAR_RT
}

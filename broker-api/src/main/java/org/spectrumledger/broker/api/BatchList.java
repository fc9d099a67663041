package org.spectrumledger.broker.api;

import java.util.List;

/** Batches, newest first. */
public record BatchList(List<BatchView> batches) {
  public BatchList {
    batches = List.copyOf(batches);
  }
}

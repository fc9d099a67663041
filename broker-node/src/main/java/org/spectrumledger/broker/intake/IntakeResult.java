package org.spectrumledger.broker.intake;

import org.spectrumledger.broker.store.OrderRecord;

/** The outcome of an order's intake: accepted, or refused with a reason. */
public sealed interface IntakeResult {

  /** Accepted and stored. */
  record Accepted(OrderRecord order) implements IntakeResult {}

  /** Refused: the reason and a detail naming the offending value. */
  record Refused(Rejection reason, String detail) implements IntakeResult {}

  static IntakeResult refused(Rejection reason, String detail) {
    return new Refused(reason, detail);
  }
}

package org.spectrumledger.ledger;

/**
 * An operator's registry entry.
 *
 * @param address the operator's account
 * @param kind MNO, MVNO, micro or local operator
 * @param registered whether it is registered
 * @param suspended whether it is suspended
 * @param registeredAt unix time of registration
 * @param name its registered name
 */
public record OperatorInfo(
    Address address,
    OperatorKind kind,
    boolean registered,
    boolean suspended,
    long registeredAt,
    String name) {

  /** Registered and not suspended: may trade. */
  public boolean active() {
    return registered && !suspended;
  }
}

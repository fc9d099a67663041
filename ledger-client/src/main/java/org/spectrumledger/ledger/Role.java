package org.spectrumledger.ledger;

import java.nio.charset.StandardCharsets;

/** A role in the policy contract (the exchange defers to it). */
public enum Role {
  /** Grants and revokes every role; administers fees. */
  ADMIN,
  /** Registers operators and bands, grants licences, protects zones. */
  REGULATOR,
  /** Settles batches. */
  BROKER,
  /** Submits sensing reports. */
  SENSOR;

  /** The role's id as the contract has it. */
  public byte[] id() {
    return this == ADMIN
        ? new byte[32]
        : OrderHasher.keccak((name() + "_ROLE").getBytes(StandardCharsets.UTF_8));
  }
}

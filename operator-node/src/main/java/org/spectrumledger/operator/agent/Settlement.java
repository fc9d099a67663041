package org.spectrumledger.operator.agent;

/** How the money for a trade is counted. */
public enum Settlement {
  /**
   * The holding above the licence is leased and paid for every step at that step's price; the
   * holding below it is lent out and earns the same (the project's market sells per-slot leases).
   * The default.
   */
  LEASE,
  /**
   * The paper's literal reading: the traded SRUs are paid (or earned) once, when the order fills,
   * and stay held afterwards.
   */
  TRADE
}

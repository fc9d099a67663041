package org.spectrumledger.operator.sensing;

/**
 * What a vote of observations decides when exactly half say idle (possible only with an even number
 * of votes). The paper fuses by "mean ≥ 0.5 → idle", which is {@link #ACCESS}.
 */
public enum TieRule {
  /** A tie counts as idle: the paper's "≥ 0.5". */
  ACCESS,
  /** A tie counts as busy: a strict majority must say idle. */
  DENY;

  /** Fewest idle votes out of {@code votes} that make the band idle; 1 for an empty vote. */
  public int idleVotesNeeded(int votes) {
    if (votes <= 0) {
      return 1; // no observation: the band is never estimated idle
    }
    return this == ACCESS ? (votes + 1) / 2 : votes / 2 + 1;
  }

  /** The fused estimate â_b: whether {@code idleVotes} out of {@code votes} make the band idle. */
  public boolean idle(int idleVotes, int votes) {
    return votes > 0 && idleVotes >= idleVotesNeeded(votes);
  }

  /** Parses {@code access} or {@code deny}. */
  public static TieRule parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "access" -> ACCESS;
      case "deny" -> DENY;
      default -> throw new IllegalArgumentException("tie rule must be access or deny: " + text);
    };
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package org.spectrumledger.broker.matching;

import java.util.List;

/**
 * What {@link MatchValidator} found: no violations means the exchange's per-market checks pass.
 *
 * @param violations every rule broken, in the order found
 */
public record MatchValidation(List<Violation> violations) {

  public MatchValidation {
    if (violations == null) {
      throw new IllegalArgumentException("violations must not be null");
    }
    violations = List.copyOf(violations);
  }

  /** Whether no rule is broken. */
  public boolean isValid() {
    return violations.isEmpty();
  }

  /** Whether some violation is of {@code kind}. */
  public boolean has(Violation.Kind kind) {
    for (Violation v : violations) {
      if (v.kind() == kind) {
        return true;
      }
    }
    return false;
  }
}

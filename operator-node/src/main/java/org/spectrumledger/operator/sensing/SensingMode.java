package org.spectrumledger.operator.sensing;

/**
 * Which nodes sense which bands in ISSS: the paper's two algorithms disagree, so it is a choice.
 */
public enum SensingMode {
  /** Every node senses every band and the votes are fused: Algorithm 2 as printed. */
  ALL,
  /** Each band is sensed by one dedicated node, assigned round robin: Algorithm 1, Step 1. */
  DEDICATED;

  /** Parses {@code all} or {@code dedicated}. */
  public static SensingMode parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "all" -> ALL;
      case "dedicated" -> DEDICATED;
      default -> throw new IllegalArgumentException("mode must be all or dedicated: " + text);
    };
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Observations of one band in one interval when {@code nodes} nodes take part. */
  public int votesPerBand(int nodes) {
    return this == ALL ? nodes : 1;
  }
}

package org.spectrumledger.operator.sensing;

/**
 * How the sensing overhead of one control interval is counted, which is all the scheduling gain G_S
 * measures. Cooperative sensing always costs E·|B| (every node senses every band).
 */
public enum OverheadModel {
  /** The paper's formula O_ISSS = |B|·log2(E + 1), whatever is actually sensed. */
  LOG2,
  /**
   * The sensing operations actually performed: |B| with dedicated nodes, E·|B| when every node
   * senses every band.
   */
  COUNT;

  /** The ISSS overhead for {@code bands} bands and {@code nodes} nodes under {@code mode}. */
  public double isss(int bands, int nodes, SensingMode mode) {
    return switch (this) {
      case LOG2 -> bands * (Math.log1p(nodes) / Math.log(2));
      case COUNT -> (double) bands * mode.votesPerBand(nodes);
    };
  }

  /** Cooperative sensing's overhead, E·|B|. */
  public static double cooperative(int bands, int nodes) {
    return (double) bands * nodes;
  }

  /** Parses {@code log2} or {@code count}. */
  public static OverheadModel parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "log2" -> LOG2;
      case "count" -> COUNT;
      default -> throw new IllegalArgumentException("overhead must be log2 or count: " + text);
    };
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

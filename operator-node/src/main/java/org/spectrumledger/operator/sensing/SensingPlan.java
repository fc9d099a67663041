package org.spectrumledger.operator.sensing;

import java.util.Arrays;

/**
 * Step 1 of Algorithm 1: which node senses which band in one control interval, and what the sensing
 * costs in operations.
 *
 * @param mode every node senses every band, or one dedicated node per band
 * @param nodes E
 * @param nodeOfBand for {@link SensingMode#DEDICATED}, the node that senses each band; for {@link
 *     SensingMode#ALL}, -1 everywhere (every node)
 * @param overhead the interval's sensing overhead under the chosen overhead model (O_ISSS)
 */
public record SensingPlan(SensingMode mode, int nodes, int[] nodeOfBand, double overhead) {

  public SensingPlan {
    if (mode == null || nodes < 1 || nodeOfBand == null) {
      throw new IllegalArgumentException("a sensing plan needs a mode, E >= 1 and its bands");
    }
    nodeOfBand = nodeOfBand.clone();
  }

  /**
   * The interchangeable round-robin schedule of interval {@code interval}: band b goes to node (b +
   * t) mod E, so the assignment rotates every interval and each node senses bands that others use
   * (the interchangeability principle); every node carries ⌊|B|/E⌋ or ⌈|B|/E⌉ bands.
   */
  static int[] roundRobin(int bands, int nodes, long interval) {
    int[] node = new int[bands];
    int shift = (int) Math.floorMod(interval, (long) nodes);
    for (int b = 0; b < bands; b++) {
      node[b] = (int) ((b + (long) shift) % nodes);
    }
    return node;
  }

  /** |B|. */
  public int bands() {
    return nodeOfBand.length;
  }

  /** s_b: Algorithm 1 senses every band each interval. */
  public boolean sensed(int band) {
    return band >= 0 && band < nodeOfBand.length;
  }

  /** Whether {@code node} is to sense {@code band}. */
  public boolean assigned(int node, int band) {
    return mode == SensingMode.ALL
        ? node >= 0 && node < nodes && sensed(band)
        : sensed(band) && nodeOfBand[band] == node;
  }

  /** The bands {@code node} senses, ascending. */
  public int[] bandsOf(int node) {
    return java.util.stream.IntStream.range(0, nodeOfBand.length)
        .filter(b -> assigned(node, b))
        .toArray();
  }

  @Override
  public int[] nodeOfBand() {
    return nodeOfBand.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensingPlan p
        && mode == p.mode
        && nodes == p.nodes
        && Arrays.equals(nodeOfBand, p.nodeOfBand)
        && Double.compare(overhead, p.overhead) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nodeOfBand) * 31 + mode.hashCode() + nodes;
  }

  @Override
  public String toString() {
    return "SensingPlan["
        + mode.label()
        + ", E="
        + nodes
        + ", "
        + Arrays.toString(nodeOfBand)
        + "]";
  }
}

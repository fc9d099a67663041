package org.spectrumledger.operator.sensing;

import java.util.Arrays;
import java.util.List;

/**
 * What the edge controller knows in one control interval.
 *
 * @param interval the interval's index t (it rotates the round-robin sensing schedule)
 * @param nodes E, the sensing nodes taking part
 * @param costs c_b(t), the sensing cost of each band (|B| entries, finite, not negative)
 * @param protectedBands for constraint C4: bands the incumbent rules forbid in this interval (null
 *     for none)
 * @param readings the nodes' observations obs_{n,b}
 */
public record ControlInput(
    long interval,
    int nodes,
    double[] costs,
    boolean[] protectedBands,
    List<SensingReading> readings) {

  public ControlInput {
    if (nodes < 1) {
      throw new IllegalArgumentException("there must be at least one sensing node: " + nodes);
    }
    if (costs == null || costs.length == 0) {
      throw new IllegalArgumentException("the controller needs at least one band");
    }
    costs = costs.clone();
    for (double c : costs) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("sensing costs must be finite and >= 0: " + c);
      }
    }
    protectedBands = protectedBands == null ? new boolean[costs.length] : protectedBands.clone();
    if (protectedBands.length != costs.length) {
      throw new IllegalArgumentException(
          "protected-band flags ("
              + protectedBands.length
              + ") must match the bands ("
              + costs.length
              + ")");
    }
    readings = List.copyOf(readings == null ? List.of() : readings);
  }

  /** |B| bands of cost {@code cost}, none protected. */
  public static ControlInput uniform(
      long interval, int nodes, int bands, double cost, List<SensingReading> readings) {
    double[] c = new double[bands];
    Arrays.fill(c, cost);
    return new ControlInput(interval, nodes, c, null, readings);
  }

  /** |B|. */
  public int bands() {
    return costs.length;
  }

  @Override
  public double[] costs() {
    return costs.clone();
  }

  @Override
  public boolean[] protectedBands() {
    return protectedBands.clone();
  }

  double cost(int band) {
    return costs[band];
  }

  double[] costsView() {
    return costs;
  }

  boolean[] protectedView() {
    return protectedBands;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControlInput i
        && interval == i.interval
        && nodes == i.nodes
        && Arrays.equals(costs, i.costs)
        && Arrays.equals(protectedBands, i.protectedBands)
        && readings.equals(i.readings);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(costs) * 31 + readings.hashCode();
  }
}

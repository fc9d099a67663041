package org.spectrumledger.operator.sensing;

import java.util.List;
import java.util.Optional;

/**
 * A sweep over E at one primary-user load.
 *
 * @param pBusy the steady-state P_busy
 * @param nodes one result per E, ascending
 */
public record RegimeResult(double pBusy, List<NodeResult> nodes) {
  public RegimeResult {
    nodes = List.copyOf(nodes);
  }

  /** The result at E = {@code e}, if swept. */
  public Optional<NodeResult> at(int e) {
    return nodes.stream().filter(r -> r.nodes() == e).findFirst();
  }
}

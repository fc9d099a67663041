package org.spectrumledger.operator.sensing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's availability estimates â_b for one cell, by band id: what becomes sensing
 * reports on the ledger and what the market gate trusts.
 *
 * @param cell the 3D cell id (see {@code CellId})
 * @param observedAt unix seconds of the control interval the estimates come from
 * @param bands one estimate per sensed band
 */
public record CellSensing(long cell, long observedAt, List<BandEstimate> bands) {

  /**
   * One band's estimate.
   *
   * @param band the band id registered in the policy
   * @param idle â_b
   */
  public record BandEstimate(long band, boolean idle) {}

  public CellSensing {
    bands = List.copyOf(bands);
    Map<Long, Boolean> seen = new HashMap<>();
    for (BandEstimate e : bands) {
      if (seen.put(e.band(), e.idle()) != null) {
        throw new IllegalArgumentException("band " + e.band() + " is estimated twice");
      }
    }
  }

  /** â_b of {@code band}, or empty when the band was not sensed. */
  public Optional<Boolean> idle(long band) {
    for (BandEstimate e : bands) {
      if (e.band() == band) {
        return Optional.of(e.idle());
      }
    }
    return Optional.empty();
  }
}

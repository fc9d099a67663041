package org.spectrumledger.ledger;

/**
 * A primary-user protection zone: no trading of {@code band} in {@code cell} over [from, until).
 */
public record ProtectionZone(long id, long band, long cell, long from, long until) {

  /** Whether the zone covers some of {@code market}'s slot in its band and cell. */
  public boolean overlaps(MarketKey market) {
    return market.band() == band
        && (cell == CellId.ALL_CELLS.value() || cell == market.cell())
        && from < market.slotEnd()
        && market.slotStart() < until;
  }
}

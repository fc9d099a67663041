package org.spectrumledger.ledger;

/**
 * A band's registry entry and its slot grid.
 *
 * @param band the band id
 * @param lowKHz lower edge in kHz
 * @param highKHz upper edge in kHz
 * @param sensingRequired whether trading needs an idle sensing verdict that speaks for the slot
 * @param maxReportAge seconds a sensing verdict speaks for
 * @param active whether the band may trade
 * @param grid the band's slot grid
 */
public record BandInfo(
    long band,
    long lowKHz,
    long highKHz,
    boolean sensingRequired,
    long maxReportAge,
    boolean active,
    SlotGrid grid) {

  /** Whether the band is registered at all. */
  public boolean registered() {
    return highKHz != 0;
  }

  /** Whether the slot {@code [slotStart, slotEnd)} is on the band's grid (see {@link SlotGrid}). */
  public boolean onGrid(long slotStart, long slotEnd) {
    return grid.contains(slotStart, slotEnd);
  }
}

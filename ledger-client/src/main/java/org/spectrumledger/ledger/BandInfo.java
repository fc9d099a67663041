package org.spectrumledger.ledger;

/**
 * A band's registry entry.
 *
 * @param band the band id
 * @param lowKHz lower edge in kHz
 * @param highKHz upper edge in kHz
 * @param sensingRequired whether trading needs a fresh idle sensing report
 * @param maxReportAge seconds a report stays fresh
 * @param active whether the band may trade
 * @param slotSeconds the band's slot grid: when not 0, a market's slot lasts exactly this long and
 *     starts on a multiple of it, so markets of the band never overlap in time
 */
public record BandInfo(
    long band,
    long lowKHz,
    long highKHz,
    boolean sensingRequired,
    long maxReportAge,
    boolean active,
    long slotSeconds) {

  /** Whether the band is registered at all. */
  public boolean registered() {
    return highKHz != 0;
  }

  /**
   * Whether the slot {@code [slotStart, slotEnd)} fits the band's slot grid (always, without one).
   */
  public boolean onGrid(long slotStart, long slotEnd) {
    return slotSeconds == 0 || (slotEnd - slotStart == slotSeconds && slotStart % slotSeconds == 0);
  }
}

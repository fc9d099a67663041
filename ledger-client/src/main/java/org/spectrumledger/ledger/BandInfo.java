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
 */
public record BandInfo(
    long band,
    long lowKHz,
    long highKHz,
    boolean sensingRequired,
    long maxReportAge,
    boolean active) {

  /** Whether the band is registered at all. */
  public boolean registered() {
    return highKHz != 0;
  }
}

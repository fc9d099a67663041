package org.spectrumledger.ledger;

/**
 * The latest sensing verdict for a band in a cell.
 *
 * @param band the band
 * @param cell the cell
 * @param reportedAt unix time it was recorded (0: never)
 * @param idle whether the sensors found no primary user
 * @param sensor who reported it
 */
public record SensingReport(long band, long cell, long reportedAt, boolean idle, Address sensor) {
  public boolean exists() {
    return reportedAt != 0;
  }
}

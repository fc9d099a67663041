package org.spectrumledger.operator.sensing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;

/**
 * What the policy contract says about some bands and cells at one moment: the band registry, the
 * primary-user protection zones and the latest sensing reports, with the chain's clock. A value,
 * read by {@link PolicyReader} and judged by {@link MarketEligibility}.
 *
 * @param chainTime the chain's latest block time, unix seconds
 * @param bands registry entries by band id
 * @param zones protection zones of those bands, in those cells and in all cells
 * @param reports the latest sensing report of each (band, cell) read
 */
public record PolicySnapshot(
    long chainTime,
    Map<Long, BandInfo> bands,
    List<ProtectionZone> zones,
    Map<BandCell, SensingReport> reports) {

  /**
   * A band in a cell.
   *
   * @param band band id
   * @param cell cell id
   */
  public record BandCell(long band, long cell) {}

  public PolicySnapshot {
    bands = Map.copyOf(bands);
    zones = List.copyOf(zones);
    reports = Map.copyOf(reports);
  }

  public Optional<BandInfo> band(long band) {
    return Optional.ofNullable(bands.get(band)).filter(BandInfo::registered);
  }

  /** The latest report of {@code band} in {@code cell}; absent when never read or never made. */
  public Optional<SensingReport> report(long band, long cell) {
    return Optional.ofNullable(reports.get(new BandCell(band, cell))).filter(SensingReport::exists);
  }
}

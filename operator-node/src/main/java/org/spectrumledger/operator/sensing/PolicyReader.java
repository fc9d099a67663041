package org.spectrumledger.operator.sensing;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;

/**
 * Reads a {@link PolicySnapshot} from the ledger: the adapter in front of {@link
 * MarketEligibility}.
 */
public final class PolicyReader {

  private final LedgerClient ledger;

  /**
   * @param ledger any client of the deployment; reads need no role
   */
  public PolicyReader(LedgerClient ledger) {
    this.ledger = ledger;
  }

  /** The registry entries, zones and reports of every band in every cell given. */
  public PolicySnapshot read(Collection<Long> bands, Collection<Long> cells) {
    long now = ledger.chainTime();
    Map<Long, BandInfo> infos = new HashMap<>();
    // zones covering all cells come back once per cell read: keep each zone once
    Map<Long, ProtectionZone> zones = new LinkedHashMap<>();
    Map<PolicySnapshot.BandCell, SensingReport> reports = new HashMap<>();
    for (long band : bands) {
      infos.put(band, ledger.policy().bandInfo(band));
      for (long cell : cells) {
        for (ProtectionZone z : ledger.policy().protectionZones(band, cell)) {
          zones.putIfAbsent(z.id(), z);
        }
        reports.put(
            new PolicySnapshot.BandCell(band, cell), ledger.policy().sensingReport(band, cell));
      }
    }
    return new PolicySnapshot(now, infos, List.copyOf(zones.values()), reports);
  }
}

package org.spectrumledger.operator.sensing;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.SensingObservation;
import org.spectrumledger.ledger.TxResult;

/**
 * Turns the controller's availability estimates into sensing reports on the ledger, through a
 * client whose key holds the policy's sensor role: the adapter between {@link EdgeController}'s
 * decisions and the policy contract that the exchange consults at settlement.
 */
public final class SensingReporter {

  private static final Logger LOG = LoggerFactory.getLogger(SensingReporter.class);

  /** Most observations the policy takes in one call ({@code SpectrumPolicy.MAX_REPORTS}). */
  static final int MAX_PER_TRANSACTION = 256;

  private final LedgerClient sensor;

  /**
   * @param sensor a client signing with a key that holds the sensor role
   */
  public SensingReporter(LedgerClient sensor) {
    this.sensor = sensor;
  }

  /** One observation per band estimate of each cell: idle exactly when â_b = 1. */
  public static List<SensingObservation> observations(List<CellSensing> estimates) {
    List<SensingObservation> out = new ArrayList<>();
    for (CellSensing cell : estimates) {
      for (CellSensing.BandEstimate e : cell.bands()) {
        out.add(new SensingObservation(e.band(), cell.cell(), e.idle()));
      }
    }
    return out;
  }

  /**
   * Submits the estimates, at most {@value #MAX_PER_TRANSACTION} observations per transaction;
   * returns the transactions in order (none when there is nothing to report).
   */
  public List<TxResult> report(List<CellSensing> estimates) {
    List<SensingObservation> all = observations(estimates);
    List<TxResult> sent = new ArrayList<>();
    for (int from = 0; from < all.size(); from += MAX_PER_TRANSACTION) {
      List<SensingObservation> chunk =
          all.subList(from, Math.min(all.size(), from + MAX_PER_TRANSACTION));
      TxResult tx = sensor.policy().submitSensingReports(chunk);
      long idle = chunk.stream().filter(SensingObservation::idle).count();
      LOG.info(
          "reported {} bands ({} idle, {} busy): tx {} in block {}",
          chunk.size(),
          idle,
          chunk.size() - idle,
          tx.txHash(),
          tx.blockNumber());
      sent.add(tx);
    }
    return sent;
  }

  /** Submits one cell's estimates. */
  public List<TxResult> report(CellSensing estimates) {
    return report(List.of(estimates));
  }
}

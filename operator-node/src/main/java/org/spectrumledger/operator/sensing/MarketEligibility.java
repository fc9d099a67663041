package org.spectrumledger.operator.sensing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingReport;

/**
 * Which markets (band, cell, slot) an operator may bid or offer on: sensing gates the market. A
 * market is eligible only when the band is registered and active, the operator's own sensing of
 * that cell found the band idle recently enough, no primary-user protection zone covers the slot,
 * and, where the band requires sensing, the ledger holds a fresh idle report for it — the last two
 * are what the exchange checks again at settlement, so an order refused here would only revert
 * there. Every refusal says why; a market can fail several rules at once.
 *
 * <p>Pure: the policy comes in as a {@link PolicySnapshot}, the estimates as {@link CellSensing}.
 *
 * @param maxEstimateAgeSeconds how old the operator's own estimates may be, against the chain time
 */
public record MarketEligibility(long maxEstimateAgeSeconds) {

  /** Why a market is refused. */
  public enum Reason {
    /** The band is not in the policy's registry. */
    BAND_UNKNOWN,
    /** The regulator deactivated the band. */
    BAND_INACTIVE,
    /** The slot is off the band's slot grid. */
    OFF_GRID,
    /** The operator's sensing has no estimate of the band in this cell. */
    NOT_SENSED,
    /** The operator's estimate is older than allowed. */
    ESTIMATE_STALE,
    /** The operator's sensing found the band busy (â_b = 0). */
    SENSED_BUSY,
    /** A primary-user protection zone covers the band, cell and slot. */
    PROTECTED,
    /** The band requires sensing and the ledger holds no report for it in this cell. */
    REPORT_MISSING,
    /** The band requires sensing and the ledger's report is older than the band allows. */
    REPORT_STALE,
    /** The band requires sensing and the ledger's report says busy. */
    REPORTED_BUSY
  }

  /**
   * One refusal.
   *
   * @param reason the rule that failed
   * @param detail the values behind it
   */
  public record Refusal(Reason reason, String detail) {}

  /**
   * The verdict on one market.
   *
   * @param market the market
   * @param refusals empty when the operator may trade it
   */
  public record Verdict(MarketKey market, List<Refusal> refusals) {
    public Verdict {
      refusals = List.copyOf(refusals);
    }

    public boolean eligible() {
      return refusals.isEmpty();
    }
  }

  public MarketEligibility {
    if (maxEstimateAgeSeconds < 0) {
      throw new IllegalArgumentException("the estimate age limit must not be negative");
    }
  }

  /**
   * The verdict on {@code market} given the estimates of its cell (null when it was not sensed).
   */
  public Verdict assess(MarketKey market, CellSensing sensing, PolicySnapshot policy) {
    List<Refusal> refusals = new ArrayList<>();
    long band = market.band();
    long cell = market.cell();
    Optional<BandInfo> info = policy.band(band);
    if (info.isEmpty()) {
      refusals.add(new Refusal(Reason.BAND_UNKNOWN, "band " + band + " is not registered"));
    } else if (!info.get().active()) {
      refusals.add(new Refusal(Reason.BAND_INACTIVE, "band " + band + " is inactive"));
    } else if (!info.get().onGrid(market.slotStart(), market.slotEnd())) {
      refusals.add(
          new Refusal(
              Reason.OFF_GRID,
              "slot is off band "
                  + band
                  + "'s grid of "
                  + info.get().grid().stepAt(market.slotStart())
                  + " s"));
    }

    Optional<Boolean> idle =
        sensing == null || sensing.cell() != cell ? Optional.empty() : sensing.idle(band);
    if (idle.isEmpty()) {
      refusals.add(
          new Refusal(
              Reason.NOT_SENSED, "no estimate of band " + band + " in cell " + new CellId(cell)));
    } else {
      long age = policy.chainTime() - sensing.observedAt();
      if (age > maxEstimateAgeSeconds) {
        refusals.add(
            new Refusal(
                Reason.ESTIMATE_STALE,
                "estimate is " + age + " s old, limit " + maxEstimateAgeSeconds + " s"));
      }
      if (!idle.get()) {
        refusals.add(
            new Refusal(
                Reason.SENSED_BUSY,
                "sensing found band " + band + " busy in cell " + new CellId(cell)));
      }
    }

    for (ProtectionZone z : policy.zones()) {
      if (z.overlaps(market)) {
        refusals.add(
            new Refusal(
                Reason.PROTECTED,
                "protection zone "
                    + z.id()
                    + " covers ["
                    + z.from()
                    + ", "
                    + z.until()
                    + ") in "
                    + (z.cell() == cell ? "this cell" : "all cells")));
      }
    }

    if (info.isPresent() && info.get().sensingRequired()) {
      Optional<SensingReport> report = policy.report(band, cell);
      if (report.isEmpty()) {
        refusals.add(
            new Refusal(Reason.REPORT_MISSING, "the ledger has no sensing report for this cell"));
      } else {
        SensingReport r = report.get();
        long maxAge = info.get().maxReportAge();
        if (r.busyCovers(market.slotStart(), maxAge)) {
          refusals.add(
              new Refusal(
                  Reason.REPORTED_BUSY,
                  "the ledger's busy verdict of " + r.busyAt() + " covers the slot's start"));
        } else if (r.idleAt() == 0) {
          refusals.add(
              new Refusal(Reason.REPORT_MISSING, "the ledger has no idle report for this cell"));
        } else if (!r.idleSpeaksFor(market.slotStart(), policy.chainTime(), maxAge)) {
          refusals.add(
              new Refusal(
                  Reason.REPORT_STALE,
                  "the idle report of "
                      + r.idleAt()
                      + " speaks for "
                      + maxAge
                      + " s, not for the slot"));
        }
      }
    }
    return new Verdict(market, refusals);
  }

  /** Verdicts on {@code markets}, with the estimates of each cell keyed by cell id. */
  public List<Verdict> assess(
      List<MarketKey> markets, Map<Long, CellSensing> sensingByCell, PolicySnapshot policy) {
    List<Verdict> out = new ArrayList<>(markets.size());
    for (MarketKey m : markets) {
      out.add(assess(m, sensingByCell.get(m.cell()), policy));
    }
    return out;
  }

  /** Only the markets the operator may trade. */
  public List<MarketKey> eligible(
      List<MarketKey> markets, Map<Long, CellSensing> sensingByCell, PolicySnapshot policy) {
    return assess(markets, sensingByCell, policy).stream()
        .filter(Verdict::eligible)
        .map(Verdict::market)
        .toList();
  }
}

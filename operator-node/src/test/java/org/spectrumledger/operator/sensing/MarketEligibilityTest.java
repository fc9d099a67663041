package org.spectrumledger.operator.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.SensingObservation;
import org.spectrumledger.ledger.SensingReport;
import org.spectrumledger.ledger.SlotGrid;
import org.spectrumledger.operator.sensing.MarketEligibility.Reason;

class MarketEligibilityTest {

  private static final long NOW = 1_700_000_000L;
  private static final long CELL = CellId.of(CellId.Layer.UAV, 9).value();
  private static final long OTHER_CELL = CellId.of(CellId.Layer.GROUND, 9).value();
  private static final Address SENSOR = Address.of("0x00000000000000000000000000000000000000aa");
  private static final MarketEligibility RULES = new MarketEligibility(120);
  private static final SlotGrid HOURLY = new SlotGrid(3_600, 0, 0, 0, 0);

  private static BandInfo band(long id, boolean sensingRequired, boolean active) {
    return new BandInfo(id, 2_100_000, 2_110_000, sensingRequired, 7_200, active, HOURLY);
  }

  private static MarketKey market(long band) {
    long hour = (NOW / 3_600 + 1) * 3_600;
    return new MarketKey(band, CELL, hour, hour + 3_600);
  }

  private static PolicySnapshot policy(List<ProtectionZone> zones, SensingReport... reports) {
    Map<PolicySnapshot.BandCell, SensingReport> byCell = new java.util.HashMap<>();
    for (SensingReport r : reports) {
      byCell.put(new PolicySnapshot.BandCell(r.band(), r.cell()), r);
    }
    return new PolicySnapshot(
        NOW,
        Map.of(
            1L,
            band(1, false, true),
            2L,
            band(2, true, true),
            3L,
            band(3, false, false),
            5L,
            new BandInfo(5, 2_100_000, 2_110_000, false, 600, true, HOURLY)),
        zones,
        byCell);
  }

  private static CellSensing sensed(long cell, long at, boolean idle1, boolean idle2) {
    return new CellSensing(
        cell,
        at,
        List.of(new CellSensing.BandEstimate(1, idle1), new CellSensing.BandEstimate(2, idle2)));
  }

  private static List<Reason> reasons(MarketEligibility.Verdict v) {
    return v.refusals().stream().map(MarketEligibility.Refusal::reason).toList();
  }

  @Test
  void aBandSensedIdleUnprotectedAndFreshlyReportedIsEligible() {
    var v =
        RULES.assess(
            market(2),
            sensed(CELL, NOW - 10, true, true),
            policy(List.of(), new SensingReport(2, CELL, NOW - 30, 0, Address.ZERO)));

    assertThat(v.eligible()).isTrue();
  }

  @Test
  void aBandTheOperatorSensedBusyIsRefusedEvenWhereNoReportIsRequired() {
    var v = RULES.assess(market(1), sensed(CELL, NOW, false, true), policy(List.of()));

    assertThat(reasons(v)).containsExactly(Reason.SENSED_BUSY);
  }

  @Test
  void withoutAnEstimateForTheCellOrBandTheMarketIsRefused() {
    assertThat(
            reasons(
                RULES.assess(market(1), sensed(OTHER_CELL, NOW, true, true), policy(List.of()))))
        .containsExactly(Reason.NOT_SENSED);
    assertThat(reasons(RULES.assess(market(1), null, policy(List.of()))))
        .containsExactly(Reason.NOT_SENSED);
  }

  @Test
  void anOldEstimateIsRefused() {
    var v = RULES.assess(market(1), sensed(CELL, NOW - 121, true, true), policy(List.of()));

    assertThat(reasons(v)).containsExactly(Reason.ESTIMATE_STALE);
  }

  @Test
  void aZoneOverlappingTheSlotInThisCellOrInAllCellsProtectsTheMarket() {
    long start = market(1).slotStart();
    long end = market(1).slotEnd();
    ProtectionZone here = new ProtectionZone(7, 1, CELL, end - 200, end + 1_800);
    ProtectionZone everywhere =
        new ProtectionZone(8, 1, CellId.ALL_CELLS.value(), start - 3_600, start + 1);
    ProtectionZone elsewhere = new ProtectionZone(9, 1, OTHER_CELL, start, end);
    ProtectionZone before = new ProtectionZone(10, 1, CELL, start - 3_600, start);

    var v =
        RULES.assess(
            market(1),
            sensed(CELL, NOW, true, true),
            policy(List.of(here, everywhere, elsewhere, before)));

    assertThat(reasons(v)).containsExactly(Reason.PROTECTED, Reason.PROTECTED);
    assertThat(v.refusals().get(1).detail()).contains("zone 8").contains("all cells");
  }

  @Test
  void whereTheBandRequiresSensingTheLedgersReportMustExistBeFreshAndIdle() {
    CellSensing idle = sensed(CELL, NOW, true, true);

    assertThat(reasons(RULES.assess(market(2), idle, policy(List.of()))))
        .containsExactly(Reason.REPORT_MISSING);
    assertThat(
            reasons(
                RULES.assess(
                    market(2),
                    idle,
                    policy(List.of(), new SensingReport(2, CELL, NOW - 7_200, 0, Address.ZERO)))))
        .containsExactly(Reason.REPORT_STALE);
    long farSlot = (NOW / 3_600 + 3) * 3_600;
    assertThat(
            reasons(
                RULES.assess(
                    new MarketKey(2, CELL, farSlot, farSlot + 3_600),
                    idle,
                    policy(List.of(), new SensingReport(2, CELL, NOW, 0, Address.ZERO)))))
        .as("a fresh report does not speak for a slot that starts after it lapses")
        .containsExactly(Reason.REPORT_STALE);
    assertThat(
            reasons(
                RULES.assess(
                    market(2),
                    idle,
                    policy(List.of(), new SensingReport(2, CELL, 0, NOW, SENSOR)))))
        .containsExactly(Reason.REPORTED_BUSY);
  }

  @Test
  void aSlotOffTheBandsGridIsRefused() {
    long hour = (NOW / 3_600 + 1) * 3_600;
    CellSensing s = new CellSensing(CELL, NOW, List.of(new CellSensing.BandEstimate(5, true)));

    assertThat(
            RULES
                .assess(new MarketKey(5, CELL, hour, hour + 3_600), s, policy(List.of()))
                .eligible())
        .isTrue();
    assertThat(
            reasons(
                RULES.assess(new MarketKey(5, CELL, hour + 1, hour + 3_601), s, policy(List.of()))))
        .containsExactly(Reason.OFF_GRID);
    assertThat(
            reasons(RULES.assess(new MarketKey(5, CELL, hour, hour + 1_800), s, policy(List.of()))))
        .containsExactly(Reason.OFF_GRID);
  }

  @Test
  void anUnknownOrInactiveBandIsRefused() {
    CellSensing s =
        new CellSensing(
            CELL,
            NOW,
            List.of(new CellSensing.BandEstimate(3, true), new CellSensing.BandEstimate(4, true)));

    assertThat(reasons(RULES.assess(market(3), s, policy(List.of()))))
        .containsExactly(Reason.BAND_INACTIVE);
    assertThat(reasons(RULES.assess(market(4), s, policy(List.of()))))
        .containsExactly(Reason.BAND_UNKNOWN);
  }

  @Test
  void eligibleKeepsOnlyTheMarketsWithoutRefusals() {
    var markets = List.of(market(1), market(2), market(3));

    var ok =
        RULES.eligible(
            markets,
            Map.of(CELL, sensed(CELL, NOW, true, false)),
            policy(List.of(), new SensingReport(2, CELL, 0, NOW, SENSOR)));

    assertThat(ok).containsExactly(market(1));
  }

  @Test
  void theReporterTurnsEachEstimateIntoOneObservation() {
    var obs =
        SensingReporter.observations(
            List.of(sensed(CELL, NOW, true, false), sensed(OTHER_CELL, NOW, false, true)));

    assertThat(obs)
        .containsExactly(
            new SensingObservation(1, CELL, true),
            new SensingObservation(2, CELL, false),
            new SensingObservation(1, OTHER_CELL, false),
            new SensingObservation(2, OTHER_CELL, true));
  }
}

package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spectrumledger.contracts.generated.SpectrumPolicy;

/**
 * The policy contract: roles, operators, bands and their slot grids, licences, protection zones and
 * sensing reports. Obtained from {@link LedgerClient#policy()}; shares its connection and key.
 */
public final class PolicyClient {

  private final LedgerCore core;
  private final SpectrumPolicy policy;

  PolicyClient(LedgerCore core) {
    this.core = core;
    this.policy =
        SpectrumPolicy.load(
            core.deployment().policy().hex(), core.web3j(), core.reader(), core.gas());
  }

  // ------------------------------------------------------------------ roles

  public boolean hasRole(Role role, Address account) {
    return core.call(() -> policy.hasRole(role.id(), account.hex()).send());
  }

  public TxResult grantRole(Role role, Address account) {
    requireRole(Role.ADMIN);
    return core.send(
        "grantRole " + role,
        core.deployment().policy(),
        policy.grantRole(role.id(), account.hex()).encodeFunctionCall());
  }

  public TxResult revokeRole(Role role, Address account) {
    requireRole(Role.ADMIN);
    return core.send(
        "revokeRole " + role,
        core.deployment().policy(),
        policy.revokeRole(role.id(), account.hex()).encodeFunctionCall());
  }

  /** Throws {@link RoleMismatchException} unless this client's key holds {@code role}. */
  void requireRole(Role role) {
    Address me = core.address();
    if (!hasRole(role, me)) {
      throw new RoleMismatchException(me, role, core.deployment().policy());
    }
  }

  // ------------------------------------------------------------------ regulator

  public TxResult registerOperator(Address operator, OperatorKind kind, String name) {
    requireRole(Role.REGULATOR);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an operator needs a name");
    }
    return core.send(
        "registerOperator",
        core.deployment().policy(),
        policy
            .registerOperator(operator.hex(), BigInteger.valueOf(kind.ordinal()), name)
            .encodeFunctionCall());
  }

  public TxResult setOperatorSuspended(Address operator, boolean suspended) {
    requireRole(Role.REGULATOR);
    return core.send(
        suspended ? "suspendOperator" : "reinstateOperator",
        core.deployment().policy(),
        policy.setOperatorSuspended(operator.hex(), suspended).encodeFunctionCall());
  }

  /**
   * Registers {@code band} with its slot grid: its markets last {@code slotSeconds} and start on
   * multiples of it. A band never trades without a grid.
   */
  public TxResult registerBand(
      long band,
      long lowKHz,
      long highKHz,
      boolean sensingRequired,
      long maxReportAgeSeconds,
      long slotSeconds) {
    requireRole(Role.REGULATOR);
    if (slotSeconds <= 0) {
      throw new IllegalArgumentException(
          "a band needs a slot grid of at least 1 s: " + slotSeconds);
    }
    return core.send(
        "registerBand",
        core.deployment().policy(),
        policy
            .registerBand(
                BigInteger.valueOf(band),
                BigInteger.valueOf(lowKHz),
                BigInteger.valueOf(highKHz),
                sensingRequired,
                BigInteger.valueOf(maxReportAgeSeconds),
                BigInteger.valueOf(slotSeconds))
            .encodeFunctionCall());
  }

  public TxResult updateBand(
      long band, boolean sensingRequired, long maxReportAgeSeconds, boolean active) {
    requireRole(Role.REGULATOR);
    return core.send(
        "updateBand",
        core.deployment().policy(),
        policy
            .updateBand(
                BigInteger.valueOf(band),
                sensingRequired,
                BigInteger.valueOf(maxReportAgeSeconds),
                active)
            .encodeFunctionCall());
  }

  /**
   * Moves {@code band} to a grid of {@code slotSeconds} from unix time {@code from} on. {@code
   * from} must lie on the current grid and no earlier than the end of every slot already settled
   * ({@link SlotGrid#earliestChange}); the current grid keeps serving the slots that end by it.
   */
  public TxResult setSlotGrid(long band, long slotSeconds, long from) {
    requireRole(Role.REGULATOR);
    if (slotSeconds <= 0) {
      throw new IllegalArgumentException(
          "a slot grid needs a step of at least 1 s: " + slotSeconds);
    }
    return core.send(
        "setSlotGrid",
        core.deployment().policy(),
        policy
            .setSlotGrid(
                BigInteger.valueOf(band), BigInteger.valueOf(slotSeconds), BigInteger.valueOf(from))
            .encodeFunctionCall());
  }

  public TxResult grantLicence(
      Address operator, long band, long cell, long quantity, long validFrom, long validUntil) {
    requireRole(Role.REGULATOR);
    return core.send(
        "grantLicence",
        core.deployment().policy(),
        policy
            .grantLicence(
                operator.hex(),
                BigInteger.valueOf(band),
                Unsigned64.toBigInteger(cell),
                BigInteger.valueOf(quantity),
                BigInteger.valueOf(validFrom),
                BigInteger.valueOf(validUntil))
            .encodeFunctionCall());
  }

  /** Protects {@code band} in {@code cell} over [from, until); returns the zone id. */
  public long addProtectionZone(long band, long cell, long from, long until) {
    requireRole(Role.REGULATOR);
    TxResult r =
        core.send(
            "addProtectionZone",
            core.deployment().policy(),
            policy
                .addProtectionZone(
                    BigInteger.valueOf(band),
                    Unsigned64.toBigInteger(cell),
                    BigInteger.valueOf(from),
                    BigInteger.valueOf(until))
                .encodeFunctionCall());
    return r.events("ProtectionZoneAdded").get(0).longValue("zoneId");
  }

  public TxResult removeProtectionZone(long band, long cell, long zoneId) {
    requireRole(Role.REGULATOR);
    return core.send(
        "removeProtectionZone",
        core.deployment().policy(),
        policy
            .removeProtectionZone(
                BigInteger.valueOf(band), Unsigned64.toBigInteger(cell), BigInteger.valueOf(zoneId))
            .encodeFunctionCall());
  }

  // ------------------------------------------------------------------ sensors

  public TxResult submitSensingReports(List<SensingObservation> observations) {
    requireRole(Role.SENSOR);
    List<SpectrumPolicy.SensingObservation> list = new ArrayList<>();
    for (SensingObservation o : observations) {
      list.add(
          new SpectrumPolicy.SensingObservation(
              BigInteger.valueOf(o.band()), Unsigned64.toBigInteger(o.cell()), o.idle()));
    }
    return core.send(
        "submitSensingReports",
        core.deployment().policy(),
        policy.submitSensingReports(list).encodeFunctionCall());
  }

  // ------------------------------------------------------------------ queries

  public OperatorInfo operatorInfo(Address operator) {
    var o = core.call(() -> policy.operatorInfo(operator.hex()).send());
    return new OperatorInfo(
        operator,
        OperatorKind.ofCode(o.kind.intValueExact()),
        o.registered,
        o.suspended,
        o.registeredAt.longValueExact(),
        o.name);
  }

  public BandInfo bandInfo(long band) {
    var b = core.call(() -> policy.bandInfo(BigInteger.valueOf(band)).send());
    var g = core.call(() -> policy.slotGrid(BigInteger.valueOf(band)).send());
    return new BandInfo(
        band,
        b.lowKHz.longValueExact(),
        b.highKHz.longValueExact(),
        b.sensingRequired,
        b.maxReportAge.longValueExact(),
        b.active,
        new SlotGrid(
            g.slotSeconds.longValueExact(),
            g.from.longValueExact(),
            g.prevSlotSeconds.longValueExact(),
            g.prevFrom.longValueExact(),
            g.tradedUntil.longValueExact()));
  }

  public Licence licence(Address operator, long band, long cell) {
    var l =
        core.call(
            () ->
                policy
                    .licenceOf(
                        operator.hex(), BigInteger.valueOf(band), Unsigned64.toBigInteger(cell))
                    .send());
    return new Licence(
        operator,
        band,
        cell,
        l.quantity.longValueExact(),
        l.validFrom.longValueExact(),
        l.validUntil.longValueExact());
  }

  /** The zones of {@code band} in {@code cell}, and those covering all its cells. */
  public List<ProtectionZone> protectionZones(long band, long cell) {
    List<ProtectionZone> out = new ArrayList<>();
    Set<Long> cells = new LinkedHashSet<>(List.of(cell, CellId.ALL_CELLS.value()));
    for (long c : cells) {
      List<?> zones =
          core.call(
              () ->
                  policy
                      .protectionZones(BigInteger.valueOf(band), Unsigned64.toBigInteger(c))
                      .send());
      for (Object z : zones) {
        var zone = (SpectrumPolicy.ProtectionZone) z;
        out.add(
            new ProtectionZone(
                zone.id.longValueExact(),
                band,
                c,
                zone.from.longValueExact(),
                zone.until.longValueExact()));
      }
    }
    return out;
  }

  public SensingReport sensingReport(long band, long cell) {
    var r =
        core.call(
            () ->
                policy
                    .sensingReport(BigInteger.valueOf(band), Unsigned64.toBigInteger(cell))
                    .send());
    return new SensingReport(
        band, cell, r.idleAt.longValueExact(), r.busyAt.longValueExact(), Address.of(r.busySensor));
  }
}

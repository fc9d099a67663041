package org.spectrumledger.ledger;

/**
 * What the sensors last said of a band in a cell. A verdict made at time t speaks for {@code [t, t
 * + maxReportAge)}: an idle verdict lets a market trade while it speaks for the later of the slot's
 * start and now; a busy verdict stops every slot that starts while it speaks, and only the sensor
 * that gave it can lift it early.
 *
 * @param band the band
 * @param cell the cell
 * @param idleAt unix time of the latest idle verdict (0: never)
 * @param busyAt unix time of the standing busy verdict (0: none)
 * @param busySensor the sensor that may lift it ({@link Address#ZERO}: none; it lapses)
 */
public record SensingReport(long band, long cell, long idleAt, long busyAt, Address busySensor) {

  /** Whether any idle verdict was ever recorded. */
  public boolean exists() {
    return idleAt != 0 || busyAt != 0;
  }

  /** Whether a standing busy verdict covers a slot starting at {@code slotStart}. */
  public boolean busyCovers(long slotStart, long maxReportAge) {
    return busyAt != 0 && slotStart < busyAt + maxReportAge;
  }

  /**
   * Whether the idle verdict still speaks, at {@code now}, for a slot starting at {@code
   * slotStart}: for the later of the two.
   */
  public boolean idleSpeaksFor(long slotStart, long now, long maxReportAge) {
    return idleAt != 0 && Math.max(slotStart, now) < idleAt + maxReportAge;
  }

  /**
   * Why a slot starting at {@code slotStart} may not trade at {@code now} under a band whose
   * verdicts speak for {@code maxReportAge} seconds, or null when it may. The same rule as the
   * policy's.
   */
  public String refusal(long slotStart, long now, long maxReportAge) {
    if (busyCovers(slotStart, maxReportAge)) {
      return "sensing found a primary user in band " + band + " at " + busyAt;
    }
    if (idleAt == 0) {
      return "band " + band + " needs an idle sensing report in this cell and has none";
    }
    if (!idleSpeaksFor(slotStart, now, maxReportAge)) {
      return "the idle sensing report from " + idleAt + " no longer speaks for the slot";
    }
    return null;
  }
}

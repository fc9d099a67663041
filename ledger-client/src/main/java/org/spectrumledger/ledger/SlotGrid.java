package org.spectrumledger.ledger;

/**
 * A band's slot grid, as the policy keeps it: from {@code from} on, every slot lasts exactly {@code
 * slotSeconds} and starts a whole number of steps after {@code from}; before it, the previous grid
 * serves the slots that end by {@code from}. Grids never overlap in time, so a licence is never
 * sold twice for one instant. A new grid may start no earlier than {@code tradedUntil}, the end of
 * the latest slot settled in the band.
 *
 * @param slotSeconds the current grid's step, seconds (never 0 for a registered band)
 * @param from when the current grid starts (unix seconds)
 * @param prevSlotSeconds the previous grid's step (0: none)
 * @param prevFrom when the previous grid started
 * @param tradedUntil the latest slot end settled in the band (unix seconds, 0: none)
 */
public record SlotGrid(
    long slotSeconds, long from, long prevSlotSeconds, long prevFrom, long tradedUntil) {

  /** Whether {@code [slotStart, slotEnd)} is a slot of the current grid or of the previous one. */
  public boolean contains(long slotStart, long slotEnd) {
    long length = slotEnd - slotStart;
    if (slotStart >= from) {
      return slotSeconds != 0 && length == slotSeconds && (slotStart - from) % slotSeconds == 0;
    }
    return prevSlotSeconds != 0
        && slotStart >= prevFrom
        && slotEnd <= from
        && length == prevSlotSeconds
        && (slotStart - prevFrom) % prevSlotSeconds == 0;
  }

  /** The step of the grid that serves {@code slotStart}, or 0 when none does. */
  public long stepAt(long slotStart) {
    if (slotStart >= from) {
      return slotSeconds;
    }
    return slotStart >= prevFrom ? prevSlotSeconds : 0;
  }

  /**
   * Whether a new grid may start at {@code t}: on a step of the current grid and no earlier than
   * {@link #tradedUntil} (the policy's rule).
   */
  public boolean acceptsChangeAt(long t) {
    return t >= from && (t - from) % slotSeconds == 0 && t >= tradedUntil;
  }

  /**
   * The earliest time at or after {@code notBefore} from which a new grid may start: on the current
   * grid and no earlier than {@link #tradedUntil}.
   */
  public long earliestChange(long notBefore) {
    long earliest = Math.max(Math.max(notBefore, tradedUntil), from);
    long steps = Math.ceilDiv(earliest - from, slotSeconds);
    return from + steps * slotSeconds;
  }
}

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
   * The start of the first slot of {@code length} seconds that starts after {@code t}, on the grid
   * that serves it (the previous grid up to {@code from}, the current one on): what a trader that
   * takes one slot of that length after another begins with. Empty when neither grid has slots of
   * that length from {@code t} on.
   */
  public java.util.OptionalLong nextSlotAfter(long t, long length) {
    if (t < from && prevSlotSeconds == length) {
      long start = firstStepAfter(prevFrom, length, t);
      if (start + length <= from) {
        return java.util.OptionalLong.of(start);
      }
    }
    return slotSeconds == length
        ? java.util.OptionalLong.of(firstStepAfter(from, length, t))
        : java.util.OptionalLong.empty();
  }

  /** The first of {@code origin}, {@code origin + step}, … that is after {@code t}. */
  private static long firstStepAfter(long origin, long step, long t) {
    return origin > t ? origin : origin + (Math.floorDiv(t - origin, step) + 1) * step;
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

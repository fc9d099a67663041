package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * One market: a band, in a 3D cell, during a slot {@code [slotStart, slotEnd)}.
 *
 * <p>The market id packs the key as {@code band(32) | cell(64) | slotStart(64) | slotEnd(64)}, as
 * the contracts' {@code MarketLib} does, so an id read from a chain event decodes back to the key.
 *
 * @param band registered band id (unsigned 32-bit, held in a long)
 * @param cell 3D cell id, unsigned 64-bit; see {@link CellId}
 * @param slotStart first second of the slot (unix time), inclusive
 * @param slotEnd last second of the slot (unix time), exclusive
 */
public record MarketKey(long band, long cell, long slotStart, long slotEnd) {

  private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  public MarketKey {
    if (band < 0 || band > 0xffff_ffffL) {
      throw new IllegalArgumentException("band must fit 32 unsigned bits: " + band);
    }
    if (slotStart < 0 || slotEnd <= slotStart) {
      throw new IllegalArgumentException(
          "slot must be a non-empty range of unix seconds: [" + slotStart + ", " + slotEnd + ")");
    }
  }

  /** The on-chain market id. */
  public BigInteger id() {
    return BigInteger.valueOf(band)
        .shiftLeft(192)
        .or(Unsigned64.toBigInteger(cell).shiftLeft(128))
        .or(BigInteger.valueOf(slotStart).shiftLeft(64))
        .or(BigInteger.valueOf(slotEnd));
  }

  /** The key packed in an on-chain market id. */
  public static MarketKey fromId(BigInteger id) {
    if (id.signum() < 0 || id.bitLength() > 224) {
      throw new IllegalArgumentException("not a market id: " + id);
    }
    return new MarketKey(
        id.shiftRight(192).longValue(),
        id.shiftRight(128).and(MASK64).longValue(),
        id.shiftRight(64).and(MASK64).longValue(),
        id.and(MASK64).longValue());
  }

  /** Parses the text form {@code band/cell/slotStart-slotEnd} (cell in hex or decimal). */
  public static MarketKey parse(String text) {
    String[] parts = text.strip().split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "market key must look like band/cell/slotStart-slotEnd, e.g. 4/0x100000001/1700000000-1700003600: '"
              + text
              + "'");
    }
    String[] slot = parts[2].split("-");
    if (slot.length != 2) {
      throw new IllegalArgumentException("slot must look like start-end in unix seconds: " + text);
    }
    try {
      return new MarketKey(
          Long.parseLong(parts[0]),
          CellId.parse(parts[1]).value(),
          Long.parseLong(slot[0]),
          Long.parseLong(slot[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a market key: '" + text + "'", e);
    }
  }

  /** Seconds the slot lasts. */
  public long durationSeconds() {
    return slotEnd - slotStart;
  }

  @Override
  public String toString() {
    return band + "/" + new CellId(cell) + "/" + slotStart + "-" + slotEnd;
  }
}

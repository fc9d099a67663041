package org.spectrumledger.ledger;

/**
 * A 3D cell: a 2D area cell and an altitude layer, packed into the unsigned 64-bit cell id the
 * contracts use: the layer in the top byte, the area below it.
 *
 * @param value the packed id
 */
public record CellId(long value) {

  /** The id that stands for every cell in a protection zone. */
  public static final CellId ALL_CELLS = new CellId(-1L);

  /** Altitude layers of a 3D cell. */
  public enum Layer {
    GROUND,
    UAV,
    HAP
  }

  /** The cell of {@code area} at {@code layer}. */
  public static CellId of(Layer layer, long area) {
    if (area < 0 || area >= (1L << 56)) {
      throw new IllegalArgumentException("area must fit 56 bits: " + area);
    }
    return new CellId(((long) layer.ordinal() << 56) | area);
  }

  /** Parses a cell id in decimal or {@code 0x} hex, or {@code all}. */
  public static CellId parse(String text) {
    String s = text.strip();
    if (s.equalsIgnoreCase("all")) {
      return ALL_CELLS;
    }
    try {
      return s.startsWith("0x") || s.startsWith("0X")
          ? new CellId(Long.parseUnsignedLong(s.substring(2), 16))
          : new CellId(Long.parseUnsignedLong(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a cell id: '" + text + "'", e);
    }
  }

  /** The altitude layer, or null for a top byte that names none. */
  public Layer layer() {
    int code = (int) (value >>> 56);
    return code < Layer.values().length ? Layer.values()[code] : null;
  }

  @Override
  public String toString() {
    return equals(ALL_CELLS) ? "all" : "0x" + Long.toHexString(value);
  }
}

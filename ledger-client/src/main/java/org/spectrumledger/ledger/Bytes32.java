package org.spectrumledger.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A 32-byte value (a hash, a transaction hash, an order hash), held as lowercase {@code
 * 0x}-prefixed hex.
 *
 * @param hex 0x followed by 64 lowercase hex digits
 */
public record Bytes32(@JsonValue String hex) {

  public Bytes32 {
    if (hex == null) {
      throw new IllegalArgumentException("32-byte value is missing");
    }
    // already as it is kept (every hash the project computes): nothing to copy
    if (!Hex.isLowerHex(hex, 64)) {
      String s = hex.strip();
      if (s.startsWith("0x") || s.startsWith("0X")) {
        s = s.substring(2);
      }
      if (s.length() != 64 || !Hex.isHex(s)) {
        throw new IllegalArgumentException(
            "not a 32-byte hex value (64 hex digits, optionally after 0x): '" + hex + "'");
      }
      hex = "0x" + s.toLowerCase(Locale.ROOT);
    }
  }

  /** Parses 64 hex digits, with or without {@code 0x}. */
  @JsonCreator
  public static Bytes32 of(String text) {
    return new Bytes32(text);
  }

  /** Wraps exactly 32 bytes. */
  public static Bytes32 wrap(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(Hex.encode(bytes));
  }

  /** The 32 bytes. */
  public byte[] bytes() {
    return Hex.decode(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}

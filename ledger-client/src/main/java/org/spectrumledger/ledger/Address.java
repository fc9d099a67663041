package org.spectrumledger.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.web3j.crypto.Keys;

/**
 * A 20-byte account or contract address, held as lowercase {@code 0x}-prefixed hex.
 *
 * @param hex 0x followed by 40 lowercase hex digits
 */
public record Address(@JsonValue String hex) implements Comparable<Address> {

  /** The zero address. */
  public static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

  public Address {
    if (hex == null) {
      throw new IllegalArgumentException("address is missing");
    }
    hex = normalise(hex);
  }

  /** Parses an address with or without {@code 0x}, in any case; rejects anything else. */
  @JsonCreator
  public static Address of(String text) {
    return new Address(text);
  }

  private static String normalise(String text) {
    String s = text.strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (s.length() != 40 || !Hex.isHex(s)) {
      throw new IllegalArgumentException(
          "not an address (40 hex digits, optionally after 0x): '" + text + "'");
    }
    return "0x" + s.toLowerCase(Locale.ROOT);
  }

  /** The EIP-55 mixed-case checksum form. */
  public String checksummed() {
    return Keys.toChecksumAddress(hex);
  }

  /** The 20 bytes. */
  public byte[] bytes() {
    return Hex.decode(hex);
  }

  @Override
  public int compareTo(Address other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return checksummed();
  }
}

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

  /**
   * Parses an address typed by a person: 40 hex digits after an optional {@code 0x}. Digits in one
   * case are taken as they are; mixed case is an EIP-55 checksum and must match it exactly, so a
   * mistyped checksummed address is refused rather than sent to the chain.
   */
  public static Address parseChecked(String text) {
    Address address = of(text);
    String t = text.strip();
    String digits = t.substring(t.length() - 40);
    boolean lower = digits.equals(digits.toLowerCase(Locale.ROOT));
    boolean upper = digits.equals(digits.toUpperCase(Locale.ROOT));
    if (!lower && !upper && !address.checksummed().substring(2).equals(digits)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' fails its EIP-55 checksum: a mixed-case address must match its checksum letter"
              + " for letter, so one of its digits is probably mistyped (an address all in lower"
              + " or all in upper case is not checked)");
    }
    return address;
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

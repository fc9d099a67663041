package org.spectrumledger.ledger.cli;

import java.util.Locale;
import org.spectrumledger.ledger.Address;
import picocli.CommandLine;

/**
 * An address option ({@code @Option(converter = AddressConverter.class)}): 40 hex digits after an
 * optional {@code 0x}. Digits in one case (all lower or all upper) are taken as they are; mixed
 * case is an EIP-55 checksum and must match it exactly, so a mistyped checksummed address is
 * refused rather than sent to the chain.
 */
public final class AddressConverter implements CommandLine.ITypeConverter<Address> {

  @Override
  public Address convert(String value) {
    Address address;
    try {
      address = Address.of(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
    String digits = value.strip().substring(value.strip().length() - 40);
    boolean lower = digits.equals(digits.toLowerCase(Locale.ROOT));
    boolean upper = digits.equals(digits.toUpperCase(Locale.ROOT));
    if (!lower && !upper && !address.checksummed().substring(2).equals(digits)) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' fails its EIP-55 checksum: a mixed-case address must match its checksum letter"
              + " for letter, so one of its digits is probably mistyped (an address all in lower"
              + " or all in upper case is not checked)");
    }
    return address;
  }
}

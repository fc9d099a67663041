package org.spectrumledger.ledger.cli;

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
    try {
      return Address.parseChecked(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}

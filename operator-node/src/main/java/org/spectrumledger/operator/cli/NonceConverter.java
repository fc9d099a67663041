package org.spectrumledger.operator.cli;

import picocli.CommandLine;

/**
 * An order nonce on the command line ({@code order --nonce}, {@code cancel --nonce}): a whole
 * number, 0 or more. The chain keeps nonces as uint64, so a negative one would be signed and sent
 * as its two's complement (-1 as 18446744073709551615), a nonce no order of the maker's has.
 */
public final class NonceConverter implements CommandLine.ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    String s = value.strip();
    if (s.matches("[0-9]+")) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException tooLong) {
        throw new CommandLine.TypeConversionException(
            s + " is too large for a nonce (at most " + Long.MAX_VALUE + ")");
      }
    }
    throw new CommandLine.TypeConversionException(
        "a nonce is a whole number, 0 or more (the order's, as `operator orders` lists it), not '"
            + value
            + "'");
  }
}

package org.spectrumledger.ledger.cli;

import picocli.CommandLine;

/**
 * A number the contracts hold as a {@code uint32} ({@code @Option(converter =
 * Uint32Converter.class)} on a {@code long}): a band id, a report age in seconds. A negative one or
 * one past 4294967295 is refused here in the option's terms; sent on, the ABI encoder refused it
 * with {@code Bit size must be 8 bit aligned}, naming neither the option nor the range.
 */
public final class Uint32Converter implements CommandLine.ITypeConverter<Long> {

  /** The largest {@code uint32}. */
  public static final long MAX = 0xffff_ffffL;

  @Override
  public Long convert(String value) {
    long v = NumberConverters.whole(value, Long.MIN_VALUE, Long.MAX_VALUE);
    if (v < 0 || v > MAX) {
      throw new CommandLine.TypeConversionException(
          "it takes a whole number 0 .. " + MAX + ", not " + value.strip());
    }
    return v;
  }
}

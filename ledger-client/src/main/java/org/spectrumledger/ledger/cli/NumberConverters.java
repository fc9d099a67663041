package org.spectrumledger.ledger.cli;

import picocli.CommandLine;

/**
 * Numbers on the command line, refused in plain words: picocli's own converters say {@code '2.5' is
 * not a long}, naming a Java type. Registered once on a command tree ({@link #register}), they take
 * the same text picocli's do (decimal, an optional sign) and say what is wrong in the option's
 * terms: {@code Invalid value for option '--band': it takes a whole number, not '2.5'}, {@code
 * Invalid value for option '--limit': 99999999999 is too large}.
 */
public final class NumberConverters {

  private NumberConverters() {}

  /** Registers the converters on {@code cli} and every subcommand it holds now. */
  public static CommandLine register(CommandLine cli) {
    CommandLine.ITypeConverter<Integer> ints =
        v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    CommandLine.ITypeConverter<Long> longs = v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE);
    CommandLine.ITypeConverter<Double> doubles = NumberConverters::number;
    return cli.registerConverter(int.class, ints)
        .registerConverter(Integer.class, ints)
        .registerConverter(long.class, longs)
        .registerConverter(Long.class, longs)
        .registerConverter(double.class, doubles)
        .registerConverter(Double.class, doubles);
  }

  static long whole(String value, long min, long max) {
    String s = value.strip();
    boolean digits = s.matches("[+-]?[0-9]+");
    if (digits) {
      try {
        long v = Long.parseLong(s);
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException tooLong) {
        // beyond a long: said below, as a number out of range
      }
    }
    if (!digits) {
      throw new CommandLine.TypeConversionException("it takes a whole number, not '" + value + "'");
    }
    // (the bounds of the Java type would say nothing of what the option takes; the command checks
    // its own range once the number is read)
    throw new CommandLine.TypeConversionException(
        s + " is too " + (s.startsWith("-") ? "small" : "large"));
  }

  static double number(String value) {
    String s = value.strip();
    if (s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    }
    throw new CommandLine.TypeConversionException(
        "it takes a number such as 12 or 0.25, not '" + value + "'");
  }
}

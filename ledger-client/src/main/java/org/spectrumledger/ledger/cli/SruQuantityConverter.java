package org.spectrumledger.ledger.cli;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A quantity of spectrum written with its unit ({@code @Option(converter =
 * SruQuantityConverter.class)}), read as milli-SRU, the chain's unit: {@code 24SRU} (to three
 * decimals, {@code 2.5SRU}) or {@code 24000mSRU}. A bare number other than 0 is refused with both
 * readings, not guessed at: an option that took milli-SRU while the rest of the command line takes
 * SRU cannot start reading the same number as SRU, nor keep reading it as milli-SRU unsaid. {@link
 * #milliSru} is the same reading for a quantity that is a field of a compound option ({@code
 * operator register --licence}).
 */
public final class SruQuantityConverter implements CommandLine.ITypeConverter<Long> {

  /** A number, then {@code SRU} or {@code mSRU} (the {@code m} lower case: milli, never mega). */
  private static final Pattern WITH_UNIT =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(m?)([sS][rR][uU])");

  @Override
  public Long convert(String text) {
    try {
      return milliSru(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /** Whether {@code text} is a number written with its unit, {@code SRU} or {@code mSRU}. */
  public static boolean namesUnit(String text) {
    return WITH_UNIT.matcher(text.strip()).matches();
  }

  /**
   * {@code text} in milli-SRU, for a quantity read some other way (a field of a compound option).
   * The message of the {@link IllegalArgumentException} it throws says what is refused in the forms
   * taken, not which option was given.
   */
  public static long milliSru(String text) {
    String t = text.strip();
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("a quantity is 0 or more, not '" + text + "'");
    }
    if (t.matches("[0-9]+(\\.[0-9]+)?")) {
      BigDecimal bare = new BigDecimal(t);
      if (bare.signum() == 0) {
        return 0L; // nothing, in either unit
      }
      // a whole number may have meant milli-SRU (as this option once read it); a fraction cannot
      throw new IllegalArgumentException(
          "'"
              + t
              + "' has no unit: write "
              + (bare.stripTrailingZeros().scale() <= 0
                  ? t
                      + "mSRU ("
                      + bare.movePointLeft(3).stripTrailingZeros().toPlainString()
                      + " SRU) or "
                  : "")
              + t
              + "SRU");
    }
    Matcher m = WITH_UNIT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a quantity: write it with its unit, 24SRU or 24000mSRU");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    boolean milli = !m.group(2).isEmpty();
    BigDecimal milliSru = milli ? number : number.movePointRight(3);
    if (milliSru.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          milli
              ? "'" + t + "' is not a whole number of milli-SRU"
              : "'" + t + "' has more than 3 decimals: the smallest quantity is 0.001SRU (1mSRU)");
    }
    try {
      return milliSru.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + t + "' is too large", e);
    }
  }
}

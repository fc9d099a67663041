package org.spectrumledger.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Settlement-token amounts: six decimals; people write and read them as tokens ("12.5"). */
public final class TokenAmounts {

  /** The settlement token's decimals. */
  public static final int DECIMALS = 6;

  private TokenAmounts() {}

  /**
   * Base units of a decimal token amount written out in full ("1000", "12.5"); an exponent, a sign,
   * more than six decimals or a non-positive amount is an error.
   */
  public static BigInteger parse(String text) {
    String t = text.strip();
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("a token amount must be positive: " + text);
    }
    if (!t.matches("[0-9]+(\\.[0-9]+)?")) {
      // NOTE: BigDecimal alone would take "1e3" or "+5"; an amount of money is written out in full
      throw new IllegalArgumentException(
          "not a token amount: '" + text + "' (write tokens in full, e.g. 1000 or 12.5)");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a token amount: '" + text + "'");
    }
    if (d.signum() <= 0) {
      throw new IllegalArgumentException("a token amount must be positive: " + text);
    }
    try {
      return d.movePointRight(DECIMALS).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "the token has " + DECIMALS + " decimals; '" + text + "' has more");
    }
  }

  /** Base units as tokens, without trailing zeros. */
  public static String format(BigInteger baseUnits) {
    return new BigDecimal(baseUnits).movePointLeft(DECIMALS).stripTrailingZeros().toPlainString();
  }

  public static String format(long baseUnits) {
    return format(BigInteger.valueOf(baseUnits));
  }

  /** Milli-SRU as SRU. */
  public static String sru(long milliSru) {
    return new BigDecimal(milliSru).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  /**
   * A quantity as a person writes it and as it is signed, for messages: {@code 2.5 SRU (2500
   * milli-SRU)}.
   */
  public static String sruAndMilli(long milliSru) {
    return sru(milliSru) + " SRU (" + milliSru + " milli-SRU)";
  }
}

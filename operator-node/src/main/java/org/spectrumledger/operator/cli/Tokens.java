package org.spectrumledger.operator.cli;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Settlement-token amounts: six decimals, written as tokens ("12.5") on the command line. */
final class Tokens {
  static final int DECIMALS = 6;

  private Tokens() {}

  /** Base units of a decimal token amount; more than six decimals or a negative is an error. */
  static BigInteger parse(String text) {
    BigDecimal d;
    try {
      d = new BigDecimal(text.strip());
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

  /** A base-unit amount as tokens. */
  static String format(BigInteger baseUnits) {
    return new BigDecimal(baseUnits).movePointLeft(DECIMALS).stripTrailingZeros().toPlainString();
  }

  static String format(long baseUnits) {
    return format(BigInteger.valueOf(baseUnits));
  }
}

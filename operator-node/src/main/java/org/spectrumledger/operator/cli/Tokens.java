package org.spectrumledger.operator.cli;

import java.math.BigInteger;
import org.spectrumledger.ledger.TokenAmounts;

/** Token amounts on the operator's command line (see {@link TokenAmounts}). */
final class Tokens {
  private Tokens() {}

  static BigInteger parse(String text) {
    return TokenAmounts.parse(text);
  }

  static String format(BigInteger baseUnits) {
    return TokenAmounts.format(baseUnits);
  }

  static String format(long baseUnits) {
    return TokenAmounts.format(baseUnits);
  }
}

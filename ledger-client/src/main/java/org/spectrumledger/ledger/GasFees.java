package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * How transactions pay for gas.
 *
 * <ul>
 *   <li>{@link #free()}: gas price 0, as on a Besu network with {@code zeroBaseFee} and {@code
 *       --min-gas-price=0} (and the anvil dev chain);
 *   <li>{@link #eip1559(BigInteger, BigInteger)}: fixed EIP-1559 caps;
 *   <li>{@link #auto()}: free when the latest block's base fee is 0, otherwise EIP-1559 with twice
 *       the base fee plus the node's suggested tip.
 * </ul>
 *
 * @param mode which of the three
 * @param maxFeePerGas the fee cap for {@code EIP1559}
 * @param maxPriorityFeePerGas the tip cap for {@code EIP1559}
 */
public record GasFees(Mode mode, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

  /** Which fee rule applies. */
  public enum Mode {
    FREE,
    EIP1559,
    AUTO
  }

  public GasFees {
    if (mode == null) {
      throw new IllegalArgumentException("gas fee mode is missing");
    }
    if (mode == Mode.EIP1559
        && (maxFeePerGas == null
            || maxPriorityFeePerGas == null
            || maxFeePerGas.signum() < 0
            || maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0)) {
      throw new IllegalArgumentException(
          "EIP-1559 fees need 0 <= maxPriorityFeePerGas <= maxFeePerGas");
    }
  }

  public static GasFees free() {
    return new GasFees(Mode.FREE, BigInteger.ZERO, BigInteger.ZERO);
  }

  public static GasFees auto() {
    return new GasFees(Mode.AUTO, null, null);
  }

  public static GasFees eip1559(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    return new GasFees(Mode.EIP1559, maxFeePerGas, maxPriorityFeePerGas);
  }

  /** Parses {@code free}, {@code auto} or {@code eip1559:MAXFEE:TIP} (wei). */
  public static GasFees parse(String text) {
    String s = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("free")) {
      return free();
    }
    if (s.equals("auto")) {
      return auto();
    }
    String[] parts = s.split(":");
    if (parts.length == 3 && parts[0].equals("eip1559")) {
      return eip1559(new BigInteger(parts[1]), new BigInteger(parts[2]));
    }
    throw new IllegalArgumentException(
        "gas fees must be free, auto or eip1559:MAXFEE:TIP (wei): '" + text + "'");
  }
}

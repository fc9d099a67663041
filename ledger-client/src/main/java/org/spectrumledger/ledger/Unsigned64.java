package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * The contract's {@code uint64} in a Java {@code long}: values past 2^63 - 1 are kept as their
 * two's-complement bits. Order nonces and validity times use the whole range.
 */
public final class Unsigned64 {

  private Unsigned64() {}

  /** The uint64 value of {@code bits}. */
  public static BigInteger toBigInteger(long bits) {
    return bits >= 0 ? BigInteger.valueOf(bits) : new BigInteger(Long.toUnsignedString(bits));
  }

  /** The bits of {@code value}, which must be a uint64. */
  public static long fromBigInteger(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 64) {
      throw new IllegalArgumentException(value + " is not a uint64");
    }
    return value.longValue();
  }
}

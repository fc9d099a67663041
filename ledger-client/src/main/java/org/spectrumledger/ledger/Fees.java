package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * The exchange's money rule, the same one the contract applies, for everyone who plans or signs a
 * trade: a bid's limit price is all-in. The buyer pays the clearing price plus a fee per SRU of
 * {@code ceil(price × feeBps / 10,000)}, and a bid fills only when that all-in price is within its
 * limit, so a buyer never pays more than {@code limit × quantity} (rounded up to a base unit),
 * whatever fee is in force at settlement. The seller receives the price, rounded down, and pays no
 * fee. Quantities are milli-SRU; prices are token base units per SRU.
 */
public final class Fees {

  private static final BigInteger MILLI = BigInteger.valueOf(1000);
  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  private Fees() {}

  /** The clearing price plus the fee per SRU, rounded up: what a bid's limit must cover. */
  public static BigInteger allInPrice(long price, int feeBps) {
    BigInteger p = BigInteger.valueOf(price);
    return p.add(ceilDiv(p.multiply(BigInteger.valueOf(feeBps)), BPS));
  }

  /** Whether a bid limited at {@code limitPrice} may fill at {@code price} under {@code feeBps}. */
  public static boolean bidCovers(long limitPrice, long price, int feeBps) {
    return allInPrice(price, feeBps).compareTo(BigInteger.valueOf(limitPrice)) <= 0;
  }

  /**
   * The highest clearing price a bid limited at {@code limitPrice} accepts under {@code feeBps} (0
   * when none). With a fee of 0 it is the limit itself.
   */
  public static long highestPrice(long limitPrice, int feeBps) {
    if (feeBps < 0) {
      throw new IllegalArgumentException("fee must not be negative: " + feeBps);
    }
    long p =
        BigInteger.valueOf(limitPrice)
            .multiply(BPS)
            .divide(BPS.add(BigInteger.valueOf(feeBps)))
            .longValueExact();
    while (p > 0 && !bidCovers(limitPrice, p, feeBps)) {
      p--;
    }
    return p;
  }

  /** What a buyer pays for {@code quantity} milli-SRU at {@code price}: all-in, rounded up. */
  public static BigInteger buyerCost(long price, long quantity, int feeBps) {
    return ceilDiv(allInPrice(price, feeBps).multiply(BigInteger.valueOf(quantity)), MILLI);
  }

  /** What a seller receives for {@code quantity} milli-SRU at {@code price}: rounded down. */
  public static BigInteger sellerProceeds(long price, long quantity) {
    return BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)).divide(MILLI);
  }

  /**
   * The most a bid of {@code quantity} milli-SRU limited at {@code limitPrice} can ever pay, fee
   * included: {@code limit × quantity}, rounded up. What its maker's escrow must hold.
   */
  public static BigInteger mostABidPays(long limitPrice, long quantity) {
    return ceilDiv(BigInteger.valueOf(limitPrice).multiply(BigInteger.valueOf(quantity)), MILLI);
  }

  private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}

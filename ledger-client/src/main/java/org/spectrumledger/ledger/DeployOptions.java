package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * Choices made when the contracts are deployed.
 *
 * @param tokenName the settlement token's name
 * @param tokenSymbol its symbol
 * @param settlementWindowSeconds seconds between an on-chain cancellation or withdrawal request and
 *     its effect; above the broker's longest time from matching to settlement, so that no maker can
 *     pull an order or funds from under a batch the broker already matched
 * @param broker an account to grant the broker role (and to bond with {@code bondMinimum} from the
 *     deploying treasury), or null
 * @param sensor an account to grant the sensor role, or null
 * @param bondMinimum the least bond, in token base units, a broker needs in the broker court to
 *     settle
 * @param challengeWindowSeconds seconds after a fill receipt's deadline, or an auction's book
 *     commitment, during which it can be claimed against the broker's bond; and for the broker's
 *     answer to an omission challenge
 * @param bondDelaySeconds seconds from a bond withdrawal request to the withdrawal; above twice the
 *     challenge window
 * @param compensationBps what a withheld fill's maker is paid, in basis points of its value
 */
public record DeployOptions(
    String tokenName,
    String tokenSymbol,
    long settlementWindowSeconds,
    Address broker,
    Address sensor,
    BigInteger bondMinimum,
    long challengeWindowSeconds,
    long bondDelaySeconds,
    int compensationBps) {

  /** 1,000 tokens of 6 decimals. */
  public static final BigInteger DEFAULT_BOND = BigInteger.valueOf(1_000_000_000L);

  public DeployOptions {
    if (tokenName == null || tokenName.isBlank() || tokenSymbol == null || tokenSymbol.isBlank()) {
      throw new IllegalArgumentException("the settlement token needs a name and a symbol");
    }
    if (settlementWindowSeconds < 0) {
      throw new IllegalArgumentException("the settlement window must not be negative");
    }
    if (bondMinimum == null || bondMinimum.signum() < 0 || bondMinimum.bitLength() > 96) {
      throw new IllegalArgumentException(
          "the broker bond must be between 0 and 2^96 - 1 token base units");
    }
    if (challengeWindowSeconds <= 0 || bondDelaySeconds <= 2 * challengeWindowSeconds) {
      throw new IllegalArgumentException(
          "the challenge window must be positive and the bond delay longer than twice it (a"
              + " challenge's window, then its answer's; got "
              + challengeWindowSeconds
              + " s and "
              + bondDelaySeconds
              + " s)");
    }
    if (compensationBps < 1 || compensationBps > 50_000) {
      throw new IllegalArgumentException(
          "compensation must be 1 to 50,000 basis points of a withheld fill's value, got "
              + compensationBps);
    }
  }

  /**
   * "Spectrum Settlement Token" (SST), a 60-second settlement window, no roles granted, a
   * 1,000-token broker bond, claims for a day after a receipt's deadline, bonds withdrawn two days
   * after the request, compensation at the withheld fill's value.
   */
  public static DeployOptions defaults() {
    return new DeployOptions(
        "Spectrum Settlement Token", "SST", 60, null, null, DEFAULT_BOND, 86_400, 259_200, 10_000);
  }

  public DeployOptions withBroker(Address a) {
    return new DeployOptions(
        tokenName,
        tokenSymbol,
        settlementWindowSeconds,
        a,
        sensor,
        bondMinimum,
        challengeWindowSeconds,
        bondDelaySeconds,
        compensationBps);
  }

  public DeployOptions withSensor(Address a) {
    return new DeployOptions(
        tokenName,
        tokenSymbol,
        settlementWindowSeconds,
        broker,
        a,
        bondMinimum,
        challengeWindowSeconds,
        bondDelaySeconds,
        compensationBps);
  }

  public DeployOptions withSettlementWindow(long seconds) {
    return new DeployOptions(
        tokenName,
        tokenSymbol,
        seconds,
        broker,
        sensor,
        bondMinimum,
        challengeWindowSeconds,
        bondDelaySeconds,
        compensationBps);
  }

  public DeployOptions withBond(BigInteger minimum, long challengeWindow, long delay, int bps) {
    return new DeployOptions(
        tokenName,
        tokenSymbol,
        settlementWindowSeconds,
        broker,
        sensor,
        minimum,
        challengeWindow,
        delay,
        bps);
  }
}

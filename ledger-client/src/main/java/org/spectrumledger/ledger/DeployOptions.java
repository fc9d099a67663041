package org.spectrumledger.ledger;

/**
 * Choices made when the contracts are deployed.
 *
 * @param tokenName the settlement token's name
 * @param tokenSymbol its symbol
 * @param settlementWindowSeconds seconds between an on-chain cancellation or withdrawal request and
 *     its effect; above the broker's longest time from matching to settlement, so that no maker can
 *     pull an order or funds from under a batch the broker already matched
 * @param broker an account to grant the broker role, or null
 * @param sensor an account to grant the sensor role, or null
 */
public record DeployOptions(
    String tokenName,
    String tokenSymbol,
    long settlementWindowSeconds,
    Address broker,
    Address sensor) {

  public DeployOptions {
    if (tokenName == null || tokenName.isBlank() || tokenSymbol == null || tokenSymbol.isBlank()) {
      throw new IllegalArgumentException("the settlement token needs a name and a symbol");
    }
    if (settlementWindowSeconds < 0) {
      throw new IllegalArgumentException("the settlement window must not be negative");
    }
  }

  /** "Spectrum Settlement Token" (SST), a 60-second settlement window, no roles granted. */
  public static DeployOptions defaults() {
    return new DeployOptions("Spectrum Settlement Token", "SST", 60, null, null);
  }

  public DeployOptions withBroker(Address a) {
    return new DeployOptions(tokenName, tokenSymbol, settlementWindowSeconds, a, sensor);
  }

  public DeployOptions withSensor(Address a) {
    return new DeployOptions(tokenName, tokenSymbol, settlementWindowSeconds, broker, a);
  }

  public DeployOptions withSettlementWindow(long seconds) {
    return new DeployOptions(tokenName, tokenSymbol, seconds, broker, sensor);
  }
}

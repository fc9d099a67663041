package org.spectrumledger.ledger;

/**
 * Choices made when the contracts are deployed.
 *
 * @param tokenName the settlement token's name
 * @param tokenSymbol its symbol
 * @param withdrawalDelaySeconds delay between a withdrawal request and its execution; at least one
 *     settlement period, so a withdrawal cannot pull funds from under a batch
 * @param broker an account to grant the broker role, or null
 * @param sensor an account to grant the sensor role, or null
 */
public record DeployOptions(
    String tokenName,
    String tokenSymbol,
    long withdrawalDelaySeconds,
    Address broker,
    Address sensor) {

  public DeployOptions {
    if (tokenName == null || tokenName.isBlank() || tokenSymbol == null || tokenSymbol.isBlank()) {
      throw new IllegalArgumentException("the settlement token needs a name and a symbol");
    }
    if (withdrawalDelaySeconds < 0) {
      throw new IllegalArgumentException("withdrawal delay must not be negative");
    }
  }

  /** "Spectrum Settlement Token" (SST), a 60-second withdrawal delay, no roles granted. */
  public static DeployOptions defaults() {
    return new DeployOptions("Spectrum Settlement Token", "SST", 60, null, null);
  }

  public DeployOptions withBroker(Address a) {
    return new DeployOptions(tokenName, tokenSymbol, withdrawalDelaySeconds, a, sensor);
  }

  public DeployOptions withSensor(Address a) {
    return new DeployOptions(tokenName, tokenSymbol, withdrawalDelaySeconds, broker, a);
  }

  public DeployOptions withWithdrawalDelay(long seconds) {
    return new DeployOptions(tokenName, tokenSymbol, seconds, broker, sensor);
  }
}

package org.spectrumledger.ledger;

import java.time.Duration;

/**
 * What a {@link LedgerClient} needs: where the node is, which deployment, whose key, how to pay for
 * gas.
 *
 * @param rpcUrl the node's JSON-RPC URL
 * @param chainId the chain the client expects (checked against the node and the deployment)
 * @param deployment the deployment record
 * @param key the key transactions are signed with (null for a read-only client)
 * @param fees how transactions pay for gas
 * @param receiptTimeout how long to wait for a receipt
 */
public record LedgerConfig(
    String rpcUrl,
    long chainId,
    Deployment deployment,
    SigningKey key,
    GasFees fees,
    Duration receiptTimeout) {

  public LedgerConfig {
    if (rpcUrl == null || rpcUrl.isBlank()) {
      throw new IllegalArgumentException("ledger config: the RPC URL is missing");
    }
    String why = org.spectrumledger.ledger.io.HttpUrls.problem(rpcUrl);
    if (why != null) {
      throw new IllegalArgumentException(
          "the node's RPC URL '"
              + rpcUrl
              + "' "
              + why
              + ": give it as http://HOST:PORT, as in http://127.0.0.1:8545");
    }
    if (deployment == null) {
      throw new IllegalArgumentException("ledger config: the deployment record is missing");
    }
    if (fees == null) {
      fees = GasFees.auto();
    }
    if (receiptTimeout == null) {
      receiptTimeout = Duration.ofSeconds(60);
    }
  }

  /** A config for {@code deployment} at {@code rpcUrl}, signing with {@code key}, auto fees. */
  public static LedgerConfig of(String rpcUrl, Deployment deployment, SigningKey key) {
    return new LedgerConfig(rpcUrl, deployment.chainId(), deployment, key, GasFees.auto(), null);
  }

  /** The same config signing with another key. */
  public LedgerConfig withKey(SigningKey other) {
    return new LedgerConfig(rpcUrl, chainId, deployment, other, fees, receiptTimeout);
  }

  public LedgerConfig withFees(GasFees other) {
    return new LedgerConfig(rpcUrl, chainId, deployment, key, other, receiptTimeout);
  }
}

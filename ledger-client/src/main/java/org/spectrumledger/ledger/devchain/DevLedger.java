package org.spectrumledger.ledger.devchain;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.DeployOptions;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;

/**
 * The ledger deployed on a dev chain with its roles handed out: an admin (also the regulator and
 * the token's treasury), a broker and a sensor, each with its own key; and a way to add funded,
 * registered operators. Tests, benchmarks and the demo start from here.
 */
public final class DevLedger implements AutoCloseable {

  private final DevChain chain;
  private final Deployment deployment;
  private final SigningKey admin;
  private final SigningKey broker;
  private final SigningKey sensor;
  private final LedgerClient adminClient;
  private final SecureRandom random;

  private DevLedger(
      DevChain chain,
      Deployment deployment,
      SigningKey admin,
      SigningKey broker,
      SigningKey sensor,
      SecureRandom random) {
    this.chain = chain;
    this.deployment = deployment;
    this.admin = admin;
    this.broker = broker;
    this.sensor = sensor;
    this.random = random;
    this.adminClient = LedgerClient.connect(config(admin));
  }

  /** Deploys on {@code chain} with its first three funded keys as admin, broker and sensor. */
  public static DevLedger deploy(DevChain chain, long settlementWindowSeconds) {
    if (chain.fundedKeys().size() < 3) {
      throw new IllegalArgumentException(
          "a dev ledger needs three funded keys; the chain has " + chain.fundedKeys().size());
    }
    SigningKey admin = chain.fundedKeys().get(0);
    SigningKey broker = chain.fundedKeys().get(1);
    SigningKey sensor = chain.fundedKeys().get(2);
    Deployment d =
        LedgerClient.deploy(
            chain.rpcUrl(),
            admin,
            GasFees.free(),
            DeployOptions.defaults()
                .withSettlementWindow(settlementWindowSeconds)
                .withBroker(broker.address())
                .withSensor(sensor.address()));
    return new DevLedger(chain, d, admin, broker, sensor, new SecureRandom());
  }

  public DevChain chain() {
    return chain;
  }

  public Deployment deployment() {
    return deployment;
  }

  public SigningKey adminKey() {
    return admin;
  }

  public SigningKey brokerKey() {
    return broker;
  }

  public SigningKey sensorKey() {
    return sensor;
  }

  /** The admin's client: regulator, treasury and fee admin. */
  public LedgerClient admin() {
    return adminClient;
  }

  /** A config for {@code key} on this chain and deployment, with free gas. */
  public LedgerConfig config(SigningKey key) {
    return new LedgerConfig(
        chain.rpcUrl(), chain.chainId(), deployment, key, GasFees.free(), Duration.ofSeconds(60));
  }

  /** A new client signing with {@code key}; close it when done. */
  public LedgerClient client(SigningKey key) {
    return LedgerClient.connect(config(key));
  }

  /**
   * A new operator: a fresh key, registered under {@code name}, minted {@code tokens} and with
   * {@code deposit} of them in escrow.
   */
  public SigningKey newOperator(
      String name, OperatorKind kind, BigInteger tokens, BigInteger deposit) {
    SigningKey key = SigningKey.random(random);
    adminClient.policy().registerOperator(key.address(), kind, name);
    if (tokens.signum() > 0) {
      adminClient.token().mint(key.address(), tokens);
    }
    if (deposit.signum() > 0) {
      try (LedgerClient c = client(key)) {
        c.exchange().deposit(deposit);
      }
    }
    return key;
  }

  /** Registers an existing key as an operator. */
  public void register(Address operator, OperatorKind kind, String name) {
    adminClient.policy().registerOperator(operator, kind, name);
  }

  @Override
  public void close() {
    adminClient.close();
  }
}

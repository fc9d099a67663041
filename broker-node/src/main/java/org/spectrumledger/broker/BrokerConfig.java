package org.spectrumledger.broker;

import java.time.Duration;
import org.spectrumledger.broker.intake.IntakeSettings;
import org.spectrumledger.broker.settlement.Settler;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.SigningKey;

/**
 * Everything a broker node needs to run.
 *
 * @param rpcUrl the ledger node
 * @param deployment the deployment record
 * @param key the broker's key (must hold the broker role)
 * @param fees how transactions pay for gas
 * @param host HTTP bind address
 * @param port HTTP port (0: any free port)
 * @param jdbcUrl the store: a JDBC URL or a {@code postgresql://} URL (an SQLite file by default)
 * @param dbUser database user
 * @param dbPassword database password
 * @param nonRtEpoch how often non-RT markets clear
 * @param nearRtEpoch how often near-RT markets clear (they also clear at once on a crossing order)
 * @param nearRtMaxSlotSeconds a market whose slot is shorter than this is near-RT
 * @param settlePeriod how often batches go to the chain (one block period)
 * @param maxFillsPerBatch at most the exchange's MAX_FILLS; an auction with more fills is settled
 *     in parts of at most this many (an auction takes every order of its market's book)
 * @param maxBatchesInFlight batches sent and not yet mined, at most; {@link
 *     Settler#FOLLOW_THE_BLOCKS} (the default) keeps as many as three blocks hold (see {@link
 *     Settler#inFlightTarget})
 * @param intake lot, tick and minimum validity
 * @param settleBySeconds how long after a fill its receipt promises settlement
 */
public record BrokerConfig(
    String rpcUrl,
    Deployment deployment,
    SigningKey key,
    GasFees fees,
    String host,
    int port,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    Duration nonRtEpoch,
    Duration nearRtEpoch,
    long nearRtMaxSlotSeconds,
    Duration settlePeriod,
    int maxFillsPerBatch,
    int maxBatchesInFlight,
    IntakeSettings intake,
    long settleBySeconds) {

  public BrokerConfig {
    if (rpcUrl == null || deployment == null || key == null || jdbcUrl == null) {
      throw new IllegalArgumentException(
          "broker config needs an RPC URL, a deployment record, a key and a database URL");
    }
    if (maxFillsPerBatch < 2 || maxFillsPerBatch > 256) {
      throw new IllegalArgumentException(
          "fills per batch must be 2..256 (the exchange's MAX_FILLS)");
    }
    if (maxBatchesInFlight < 0) {
      throw new IllegalArgumentException(
          "batches in flight must be positive, or 0 to follow the blocks");
    }
    for (Duration d : new Duration[] {nonRtEpoch, nearRtEpoch, settlePeriod}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("epochs and the settlement period must be positive");
      }
    }
  }

  /** Defaults for everything but the chain, the key and the database. */
  public static BrokerConfig defaults(
      String rpcUrl, Deployment deployment, SigningKey key, String jdbcUrl) {
    return new BrokerConfig(
        rpcUrl,
        deployment,
        key,
        GasFees.auto(),
        "127.0.0.1",
        8080,
        jdbcUrl,
        "",
        "",
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        60,
        Duration.ofSeconds(1),
        256,
        Settler.FOLLOW_THE_BLOCKS,
        IntakeSettings.defaults(),
        30);
  }

  public BrokerConfig withHost(String h) {
    Copy c = new Copy(this);
    c.host = h;
    return c.build();
  }

  public BrokerConfig withPort(int p) {
    Copy c = new Copy(this);
    c.port = p;
    return c.build();
  }

  public BrokerConfig withFees(GasFees f) {
    Copy c = new Copy(this);
    c.fees = f;
    return c.build();
  }

  public BrokerConfig withEpochs(Duration nonRt, Duration nearRt, Duration settle) {
    Copy c = new Copy(this);
    c.nonRtEpoch = nonRt;
    c.nearRtEpoch = nearRt;
    c.settlePeriod = settle;
    return c.build();
  }

  /**
   * Markets whose slot is shorter than {@code seconds} trade near-RT (cleared on arrival,
   * receipts).
   */
  public BrokerConfig withNearRtMaxSlotSeconds(long seconds) {
    Copy c = new Copy(this);
    c.nearRtMaxSlotSeconds = seconds;
    return c.build();
  }

  public BrokerConfig withIntake(IntakeSettings s) {
    Copy c = new Copy(this);
    c.intake = s;
    return c.build();
  }

  /**
   * At most {@code n} fills a settlement batch (2..256, the exchange's MAX_FILLS); an auction with
   * more is settled in parts of at most {@code n}.
   */
  public BrokerConfig withMaxFillsPerBatch(int n) {
    Copy c = new Copy(this);
    c.maxFillsPerBatch = n;
    return c.build();
  }

  /** At most {@code n} batches in flight, or {@link Settler#FOLLOW_THE_BLOCKS}. */
  public BrokerConfig withInFlight(int n) {
    Copy c = new Copy(this);
    c.maxBatchesInFlight = n;
    return c.build();
  }

  /** A config's fields, to change some and build anew (the one call of the constructor here). */
  private static final class Copy {
    final String rpcUrl;
    final Deployment deployment;
    final SigningKey key;
    GasFees fees;
    String host;
    int port;
    final String jdbcUrl;
    final String dbUser;
    final String dbPassword;
    Duration nonRtEpoch;
    Duration nearRtEpoch;
    long nearRtMaxSlotSeconds;
    Duration settlePeriod;
    int maxFillsPerBatch;
    int maxBatchesInFlight;
    IntakeSettings intake;
    final long settleBySeconds;

    Copy(BrokerConfig c) {
      rpcUrl = c.rpcUrl;
      deployment = c.deployment;
      key = c.key;
      fees = c.fees;
      host = c.host;
      port = c.port;
      jdbcUrl = c.jdbcUrl;
      dbUser = c.dbUser;
      dbPassword = c.dbPassword;
      nonRtEpoch = c.nonRtEpoch;
      nearRtEpoch = c.nearRtEpoch;
      nearRtMaxSlotSeconds = c.nearRtMaxSlotSeconds;
      settlePeriod = c.settlePeriod;
      maxFillsPerBatch = c.maxFillsPerBatch;
      maxBatchesInFlight = c.maxBatchesInFlight;
      intake = c.intake;
      settleBySeconds = c.settleBySeconds;
    }

    BrokerConfig build() {
      return new BrokerConfig(
          rpcUrl,
          deployment,
          key,
          fees,
          host,
          port,
          jdbcUrl,
          dbUser,
          dbPassword,
          nonRtEpoch,
          nearRtEpoch,
          nearRtMaxSlotSeconds,
          settlePeriod,
          maxFillsPerBatch,
          maxBatchesInFlight,
          intake,
          settleBySeconds);
    }
  }
}

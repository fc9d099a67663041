package org.spectrumledger.broker.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.intake.IntakeSettings;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.ledger.keys.PasswordSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spectrum broker run}: the broker node in the foreground. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "The spectrum broker: order intake, clearing and verified batch settlement.",
    subcommands = {BrokerCommand.Run.class})
public final class BrokerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The config file: every field optional; a flag overrides the file, the environment variable
   * (SPECTRUM_RPC, SPECTRUM_DEPLOYMENT, SPECTRUM_BROKER_DB) overrides the file too.
   */
  public record FileConfig(
      String rpcUrl,
      String deployment,
      String keyFile,
      String passwordFile,
      String host,
      Integer port,
      String database,
      String dataDir,
      String gas,
      Long nonRtEpochMillis,
      Long nearRtEpochMillis,
      Long settlePeriodMillis,
      Long lotSize,
      Long tickSize) {
    static FileConfig empty() {
      return new FileConfig(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Runs the broker until Ctrl-C.")
  public static final class Run implements Callable<Integer> {
    /** The environment variable that may hold the broker's hex private key. */
    static final String KEY_ENV = "SPECTRUM_BROKER_KEY";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "JSON config file (flags override it)")
    Path configFile;

    @Option(names = "--rpc", description = "ledger node JSON-RPC URL")
    String rpc;

    @Option(names = "--deployment", description = "deployment record JSON")
    Path deployment;

    @Option(
        names = "--key-file",
        description =
            "the broker's key: a V3 keystore or a file holding the hex private key (else"
                + " $SPECTRUM_BROKER_KEY, the hex key)")
    Path keyFile;

    @Option(
        names = "--password-file",
        description =
            "file holding the keystore password, trailing newline ignored (else $"
                + PasswordSource.ENV
                + ", else a prompt)")
    Path passwordFile;

    @Option(names = "--host", description = "HTTP bind address (default 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--db", description = "JDBC URL (default: an H2 file under --data-dir)")
    String db;

    @Option(
        names = "--data-dir",
        description = "directory for the embedded database (default .spectrum/broker)")
    Path dataDir;

    @Option(names = "--gas", description = "free, auto or eip1559:MAXFEE:TIP (default auto)")
    String gas;

    @Option(names = "--non-rt-epoch-ms", description = "non-RT clearing period (default 1000)")
    Long nonRt;

    @Option(names = "--near-rt-epoch-ms", description = "near-RT clearing period (default 100)")
    Long nearRt;

    @Option(names = "--settle-ms", description = "settlement period, one block (default 1000)")
    Long settle;

    @Override
    public Integer call() throws IOException, InterruptedException {
      BrokerConfig config = config();
      PrintWriter out = spec.commandLine().getOut();
      try (BrokerNode node = BrokerNode.start(config)) {
        out.println(
            "broker "
                + config.key().address()
                + " listening on http://"
                + config.host()
                + ":"
                + node.port()
                + "/v1");
        out.println(
            "chain "
                + config.deployment().chainId()
                + ", exchange "
                + config.deployment().exchange());
        out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        forever.await();
      }
      return 0;
    }

    BrokerConfig config() throws IOException {
      FileConfig file = FileConfig.empty();
      if (configFile != null) {
        if (!Files.isRegularFile(configFile)) {
          throw new IllegalArgumentException("no config file at " + configFile);
        }
        try {
          file =
              new ObjectMapper()
                  .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                  .readValue(configFile.toFile(), FileConfig.class);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "config file " + configFile + " is malformed: " + e.getMessage(), e);
        }
      }
      String rpcUrl =
          first(rpc, System.getenv("SPECTRUM_RPC"), file.rpcUrl(), "http://127.0.0.1:8545");
      Path deploymentFile =
          Path.of(
              first(
                  str(deployment),
                  System.getenv("SPECTRUM_DEPLOYMENT"),
                  file.deployment(),
                  ".spectrum/deployment.json"));
      Deployment d = Deployment.read(deploymentFile);
      SigningKey key = key(file);
      Path data = Path.of(first(str(dataDir), null, file.dataDir(), ".spectrum/broker"));
      String jdbc = first(db, System.getenv("SPECTRUM_BROKER_DB"), file.database(), null);
      if (jdbc == null) {
        Files.createDirectories(data);
        jdbc = BrokerStore.defaultUrl(data);
      }
      BrokerConfig c = BrokerConfig.defaults(rpcUrl, d, key, jdbc);
      c = c.withPort(port != null ? port : file.port() != null ? file.port() : 8080);
      c = c.withFees(GasFees.parse(first(gas, null, file.gas(), "auto")));
      c =
          c.withEpochs(
              Duration.ofMillis(firstLong(nonRt, file.nonRtEpochMillis(), 1000)),
              Duration.ofMillis(firstLong(nearRt, file.nearRtEpochMillis(), 100)),
              Duration.ofMillis(firstLong(settle, file.settlePeriodMillis(), 1000)));
      IntakeSettings defaults = IntakeSettings.defaults();
      c =
          c.withIntake(
              new IntakeSettings(
                  firstLong(null, file.lotSize(), defaults.lotSize()),
                  firstLong(null, file.tickSize(), defaults.tickSize()),
                  defaults.minValiditySeconds()));
      String h = first(host, null, file.host(), "127.0.0.1");
      return new BrokerConfig(
          c.rpcUrl(),
          c.deployment(),
          c.key(),
          c.fees(),
          h,
          c.port(),
          c.jdbcUrl(),
          c.dbUser(),
          c.dbPassword(),
          c.nonRtEpoch(),
          c.nearRtEpoch(),
          c.nearRtMaxSlotSeconds(),
          c.settlePeriod(),
          c.maxFillsPerBatch(),
          c.maxBatchesInFlight(),
          c.auctionCapPerSide(),
          c.intake(),
          c.settleBySeconds());
    }

    private SigningKey key(FileConfig file) {
      String path = first(str(keyFile), null, file.keyFile(), null);
      if (path != null) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("no broker key file at " + p);
        }
        String passwords = first(str(passwordFile), null, file.passwordFile(), null);
        return KeySource.fromFile(
            p, PasswordSource.system(passwords == null ? null : Path.of(passwords)));
      }
      String env = System.getenv(KEY_ENV);
      if (env != null && !env.isBlank()) {
        return KeySource.fromEnvironment(KEY_ENV, System::getenv);
      }
      throw new IllegalArgumentException(
          "no broker key: give --key-file FILE (a keystore or a hex key) or set " + KEY_ENV);
    }

    private static String str(Path p) {
      return p == null ? null : p.toString();
    }

    private static String first(String flag, String env, String file, String fallback) {
      if (flag != null && !flag.isBlank()) {
        return flag;
      }
      if (env != null && !env.isBlank()) {
        return env;
      }
      return file != null && !file.isBlank() ? file : fallback;
    }

    private static long firstLong(Long flag, Long file, long fallback) {
      return flag != null ? flag : file != null ? file : fallback;
    }
  }
}

package org.spectrumledger.broker.cli;

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
import org.spectrumledger.ledger.cli.CascadingDefaultProvider;
import org.spectrumledger.ledger.cli.ConfigOptions;
import org.spectrumledger.ledger.cli.Setting;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.ledger.keys.PasswordSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum broker run}: the broker node in the foreground; {@code migrate}: its store's
 * schema; {@code bond}: its bond at the broker court ({@link BondCommand}).
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "The spectrum broker: order intake, clearing and verified batch settlement.",
    subcommands = {BrokerCommand.Run.class, BrokerCommand.Migrate.class, BondCommand.class})
public final class BrokerCommand implements Runnable {
  static final String DB_HELP =
      "the store: postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or a JDBC URL"
          + " (jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DATABASE?user=USER); default an"
          + " SQLite file, broker.db under --data-dir";

  /** The store's JDBC URL: {@code db}, else the SQLite file under {@code dataDir}. */
  static String storeUrl(String db, Path dataDir) throws IOException {
    if (db != null) {
      return db;
    }
    Files.createDirectories(dataDir);
    return BrokerStore.defaultUrl(dataDir);
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description =
          "Brings the store's schema up to date (what 'run' also does at start) and says its"
              + " version; a store made before migrations is taken as version 1.")
  public static final class Migrate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ConfigOptions config;

    @Option(
        names = {"--db", "--store"},
        paramLabel = "URL",
        description = DB_HELP)
    @Setting(env = "SPECTRUM_BROKER_DB", key = "database")
    String db;

    @Option(
        names = "--data-dir",
        defaultValue = ".spectrum/broker",
        description = "directory for the embedded database (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
      BrokerStore.Migrated m = BrokerStore.migrate(storeUrl(db, dataDir), null, null);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          m.location()
              + ": schema version "
              + m.to()
              + (m.applied() == 0
                  ? " (up to date)"
                  : " ("
                      + m.applied()
                      + " migration"
                      + (m.applied() == 1 ? "" : "s")
                      + " applied)"));
      out.flush();
      return 0;
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Runs the broker until Ctrl-C.")
  public static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ConfigOptions config;

    @Option(
        names = "--rpc",
        defaultValue = "http://127.0.0.1:8545",
        description = "ledger node JSON-RPC URL (default ${DEFAULT-VALUE})")
    @Setting(env = "SPECTRUM_RPC", key = "rpcUrl")
    String rpc;

    @Option(
        names = "--deployment",
        defaultValue = ".spectrum/deployment.json",
        description = "deployment record JSON (default ${DEFAULT-VALUE})")
    @Setting(env = "SPECTRUM_DEPLOYMENT")
    Path deployment;

    @Option(
        names = "--key",
        paramLabel = "SOURCE",
        description =
            "the broker's key: a V3 keystore, a file holding the hex key, or env:NAME (never the"
                + " key itself; else $"
                + BrokerKey.ENV
                + ", the hex key)")
    String key;

    /** The older name of {@code --key}, kept working (and as a config key) but not shown. */
    @Option(names = "--key-file", hidden = true)
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

    @Option(
        names = {"--db", "--store"},
        paramLabel = "URL",
        description = DB_HELP)
    @Setting(env = "SPECTRUM_BROKER_DB", key = "database")
    String db;

    @Option(
        names = "--data-dir",
        defaultValue = ".spectrum/broker",
        description = "directory for the embedded database (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
        names = "--gas",
        description = "free, auto or eip1559:MAXFEE:TIP ($SPECTRUM_GAS; default auto)")
    @Setting(env = "SPECTRUM_GAS")
    String gas;

    @Option(names = "--non-rt-epoch-ms", description = "non-RT clearing period (default 1000)")
    @Setting(key = "nonRtEpochMillis")
    Long nonRt;

    @Option(names = "--near-rt-epoch-ms", description = "near-RT clearing period (default 100)")
    @Setting(key = "nearRtEpochMillis")
    Long nearRt;

    @Option(names = "--settle-ms", description = "settlement period, one block (default 1000)")
    @Setting(key = "settlePeriodMillis")
    Long settle;

    @Option(
        names = "--lot-size",
        description = "quantities are whole multiples of this many milli-SRU (default 1)")
    Long lotSize;

    @Option(
        names = "--tick-size",
        description = "prices are whole multiples of this many token base units (default 1000)")
    Long tickSize;

    @Option(
        names = "--min-validity-seconds",
        description =
            "orders valid for less than this many seconds more when they arrive are refused as"
                + " expired, too late to settle (default 2)")
    Long minValiditySeconds;

    @Option(
        names = "--horizon-days",
        description =
            "orders whose slot starts, or whose validUntil lies, more than this many days ahead"
                + " are refused as too-far-ahead (default 366)")
    Long horizonDays;

    @Override
    public Integer call() throws IOException, InterruptedException {
      BrokerConfig config = config();
      // before the chain, the store and the key's role are touched: a busy port is bad input
      checkCanListen(config.host(), config.port());
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
        out.println("explorer: http://" + config.host() + ":" + node.port() + "/explorer/");
        out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
        forever.await();
      }
      return 0;
    }

    /**
     * The broker's settings: each option as {@link CascadingDefaultProvider} settled it (flag,
     * environment, {@code --config} file, option default); an option still unset takes {@link
     * BrokerConfig#defaults}'s value.
     */
    BrokerConfig config() throws IOException {
      // what the options say first: a mistyped one is refused before a file is read, a password
      // asked for or a directory made
      if (host != null && host.isBlank()) {
        throw new IllegalArgumentException(
            "--host must name an address to listen on (127.0.0.1, or 0.0.0.0 for every"
                + " interface), got '"
                + host
                + "'");
      }
      if (db != null) {
        BrokerStore.checkLocation(db);
      }
      if (port != null && (port < 0 || port > 65_535)) {
        throw new IllegalArgumentException(
            "--port must be 0 .. 65535 (0 picks a free one), got " + port);
      }
      GasFees fees = gas != null ? GasFees.parse(gas) : null;
      Duration nonRtEpoch = millis("--non-rt-epoch-ms", nonRt);
      Duration nearRtEpoch = millis("--near-rt-epoch-ms", nearRt);
      Duration settlePeriod = millis("--settle-ms", settle);
      IntakeSettings intake = intake();

      Deployment d = Deployment.read(deployment);
      SigningKey key = key();
      String jdbc = storeUrl(db, dataDir);
      BrokerConfig c = BrokerConfig.defaults(rpc, d, key, jdbc).withIntake(intake);
      if (host != null) {
        c = c.withHost(host);
      }
      if (port != null) {
        c = c.withPort(port);
      }
      if (fees != null) {
        c = c.withFees(fees);
      }
      return c.withEpochs(
          nonRtEpoch != null ? nonRtEpoch : c.nonRtEpoch(),
          nearRtEpoch != null ? nearRtEpoch : c.nearRtEpoch(),
          settlePeriod != null ? settlePeriod : c.settlePeriod());
    }

    /** The intake's settings: {@link IntakeSettings#defaults}, with what the options say. */
    private IntakeSettings intake() {
      IntakeSettings intake = IntakeSettings.defaults();
      if (horizonDays != null && (horizonDays < 1 || horizonDays > 36_600)) {
        throw new IllegalArgumentException(
            "--horizon-days must be 1 .. 36600 (a century), got " + horizonDays);
      }
      long horizon = horizonDays != null ? horizonDays * 86_400 : intake.horizonSeconds();
      if (minValiditySeconds != null && (minValiditySeconds < 0 || minValiditySeconds >= horizon)) {
        throw new IllegalArgumentException(
            "--min-validity-seconds must be 0 .. "
                + (horizon - 1)
                + " (seconds, below the horizon of "
                + (horizon == 86_400 ? "1 day" : horizon / 86_400 + " days")
                + "), got "
                + minValiditySeconds);
      }
      return new IntakeSettings(
          atLeastOne("--lot-size", lotSize, "milli-SRU", intake.lotSize()),
          atLeastOne("--tick-size", tickSize, "token base units", intake.tickSize()),
          minValiditySeconds != null ? minValiditySeconds : intake.minValiditySeconds(),
          horizon);
    }

    /**
     * {@code value}, or {@code otherwise} when the option is unset; below 1 it is refused in the
     * option's terms (the records' own checks name no option and no value).
     */
    private static long atLeastOne(String option, Long value, String unit, long otherwise) {
      if (value == null) {
        return otherwise;
      }
      if (value < 1) {
        throw new IllegalArgumentException(
            option + " must be 1 or more (" + unit + "), got " + value);
      }
      return value;
    }

    /** {@code millis} as a period, null when the option is unset. */
    private static Duration millis(String option, Long millis) {
      return millis == null
          ? null
          : Duration.ofMillis(atLeastOne(option, millis, "milliseconds", 0));
    }

    /**
     * Throws, as bad input, when {@code host}:{@code port} cannot be listened on now (in use, or
     * not an address of this machine); port 0 always can. Binding again later may still lose a
     * race, which the start reports as before.
     */
    static void checkCanListen(String host, int port) {
      String why = whyCannotListen(host, port);
      if (why != null) {
        throw new IllegalArgumentException(
            "cannot listen on "
                + host
                + ":"
                + port
                + ": "
                + why
                + "; give another --port (0 for a free one) or --host");
      }
    }

    /**
     * Why a server could not listen on {@code host}:{@code port} now, or null when it could (port 0
     * always can): the probe {@code broker run} and the demo make before any other work.
     */
    public static String whyCannotListen(String host, int port) {
      if (port == 0) {
        return null;
      }
      try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
        // as the server binds: a port left in TIME_WAIT by a broker just stopped is free
        probe.setReuseAddress(true);
        probe.bind(new java.net.InetSocketAddress(host, port));
        return null;
      } catch (java.net.BindException e) {
        return String.valueOf(e.getMessage()).contains("in use")
            ? "the port is in use (another broker?)"
            : e.getMessage();
      } catch (IOException | RuntimeException e) {
        return e.getMessage();
      }
    }

    /**
     * The key file from the flag or the config file; only without one, the hex key in {@link
     * BrokerKey#ENV}.
     */
    private SigningKey key() {
      if (key != null) {
        return BrokerKey.load(key, passwordFile);
      }
      if (keyFile != null) {
        if (!Files.isRegularFile(keyFile)) {
          throw new IllegalArgumentException("no broker key file at " + keyFile);
        }
        return KeySource.fromFile(keyFile, PasswordSource.system(passwordFile));
      }
      SigningKey fromEnv = BrokerKey.fromEnvironmentOrNull(System::getenv);
      if (fromEnv != null) {
        return fromEnv;
      }
      throw new IllegalArgumentException("no broker key: " + BrokerKey.HOW_TO_GIVE);
    }
  }
}

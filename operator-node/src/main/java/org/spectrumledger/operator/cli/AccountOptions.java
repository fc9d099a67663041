package org.spectrumledger.operator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.CascadingDefaultProvider;
import org.spectrumledger.ledger.cli.ConfigOptions;
import org.spectrumledger.ledger.cli.Endpoints;
import org.spectrumledger.ledger.cli.Setting;
import org.spectrumledger.ledger.keys.KeySource;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.ledger.keys.PasswordSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where an operator's node finds the ledger, its deployment record, its key and the broker. Each
 * option is settled flag, environment, {@code --config} file, default ({@link
 * CascadingDefaultProvider}, which every command mixing this in gets); the defaults of the files
 * are under {@code --home}.
 */
public final class AccountOptions {

  @Mixin ConfigOptions config;

  @Option(
      names = "--home",
      description = "directory for the node's files ($SPECTRUM_HOME; default .spectrum)")
  @Setting(env = "SPECTRUM_HOME")
  Path home;

  @Option(
      names = "--rpc",
      description = "ledger node JSON-RPC URL ($SPECTRUM_RPC; default http://127.0.0.1:8545)")
  @Setting(env = "SPECTRUM_RPC", key = "rpcUrl")
  String rpc;

  @Option(
      names = "--deployment",
      description = "deployment record ($SPECTRUM_DEPLOYMENT; default HOME/deployment.json)")
  @Setting(env = "SPECTRUM_DEPLOYMENT")
  Path deployment;

  @Option(
      names = "--key",
      paramLabel = "SOURCE",
      description =
          "the signing key: a V3 keystore, a file holding the hex key, or env:NAME (never the key"
              + " itself; $SPECTRUM_KEY; default HOME/keystore.json)")
  @Setting(env = "SPECTRUM_KEY")
  String keySpec;

  /** The older name of {@code --key}, kept working but no longer shown. */
  @Option(names = "--keystore", hidden = true)
  @Setting(env = "SPECTRUM_KEYSTORE")
  Path keystore;

  @Option(
      names = "--password-file",
      description =
          "file holding the keystore password, trailing newline ignored (else $"
              + PasswordSource.ENV
              + ", else a prompt)")
  Path passwordFile;

  @Option(
      names = "--broker",
      description = "broker URL ($SPECTRUM_BROKER; default http://127.0.0.1:8080)")
  @Setting(env = "SPECTRUM_BROKER")
  String broker;

  @Option(
      names = "--gas",
      description = "free, auto or eip1559:MAXFEE:TIP ($SPECTRUM_GAS; default auto)")
  @Setting(env = "SPECTRUM_GAS")
  String gas;

  /** The decrypted key, once {@link #key()} has run, and the keystore it came from. */
  private SigningKey key;

  private Path keyFrom;

  public Path home() {
    return home != null ? home : Path.of(".spectrum");
  }

  /**
   * The chain node's URL. A malformed one is refused here, before the command reads a key or sends
   * anything, naming the option and the form: the HTTP client's own words ({@code Invalid URL host:
   * ""}) name neither, and {@code operator order} asks the node only after the order is placed.
   */
  public String rpcUrl() {
    return rpc != null
        ? endpoint(rpc, "--rpc", "SPECTRUM_RPC", "the chain node's JSON-RPC", DEFAULT_RPC)
        : DEFAULT_RPC;
  }

  private static final String DEFAULT_RPC = "http://127.0.0.1:8545";
  private static final String DEFAULT_BROKER = "http://127.0.0.1:8080";

  /**
   * {@link Endpoints#http}: the URL, or an error naming {@code option}, {@code $env} and the form.
   */
  static String endpoint(String url, String option, String env, String what, String example) {
    return Endpoints.http(url, option, env, what, example);
  }

  public Path deploymentFile() {
    return deployment != null ? deployment : home().resolve("deployment.json");
  }

  /**
   * The file {@code --key} names (a keystore or a hex key file), or the default keystore; for an
   * {@code env:NAME} key there is no file and this is the default keystore's path.
   */
  public Path keystoreFile() {
    if (keySpec != null && !keySpec.startsWith("env:")) {
      if (HEX_KEY.matcher(keySpec).matches() && !Files.exists(Path.of(keySpec))) {
        // (not echoed: it is a secret, already in the shell's history)
        throw new IllegalArgumentException(
            "--key takes a key file (a keystore, or a file holding the hex key) or env:NAME, not"
                + " the key itself: a key on the command line is visible to other users and kept"
                + " in the shell's history");
      }
      return Path.of(keySpec);
    }
    return keystore != null ? keystore : home().resolve("keystore.json");
  }

  /** A secp256k1 private key written out in hex, with or without its 0x. */
  private static final java.util.regex.Pattern HEX_KEY =
      java.util.regex.Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

  /** Whether the key comes from somewhere other than a V3 keystore (env:NAME, a hex key file). */
  private boolean plainKey() {
    if (keySpec == null) {
      return false;
    }
    if (keySpec.startsWith("env:")) {
      return true;
    }
    Path file = Path.of(keySpec);
    return Files.isRegularFile(file) && !Keystore.isKeystore(file);
  }

  /** What to call the key in names and logs: the key file's name, or the environment variable. */
  public String keyName() {
    if (keySpec != null && keySpec.startsWith("env:")) {
      return keySpec.substring(4);
    }
    return keystoreFile().getFileName().toString().replace(".json", "");
  }

  public String brokerUrl() {
    return broker != null
        ? endpoint(broker, "--broker", "SPECTRUM_BROKER", "the broker's", DEFAULT_BROKER)
        : DEFAULT_BROKER;
  }

  public GasFees fees() {
    if (gas == null) {
      return GasFees.auto();
    }
    try {
      return GasFees.parse(gas);
    } catch (NumberFormatException e) {
      // (the parser's own words are "For input string", naming neither the option nor the unit)
      throw new IllegalArgumentException(
          "--gas '"
              + gas
              + "': MAXFEE and TIP are whole numbers of wei, as in eip1559:30000000000:1000000000"
              + " (30 gwei, a 1 gwei tip); or give free or auto",
          e);
    }
  }

  public Deployment deployment() {
    return Deployment.read(deploymentFile());
  }

  /**
   * The operator's key, decrypted with the password from file, environment or prompt. Decrypting
   * costs about a second (scrypt) and may prompt, so it happens once per command: later calls, and
   * {@link #client()}, return the same key.
   */
  public SigningKey key() {
    if (plainKey()) {
      if (key == null) {
        key = KeySource.load(keySpec, passwords(), System::getenv);
      }
      return key;
    }
    Path file = keystoreFile();
    if (key == null || !file.equals(keyFrom)) {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(
            "no key: " + file + " is a directory; --key names a key file in it");
      }
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "no key: "
                + file
                + " does not exist; create one with 'spectrum operator keys new' or give"
                + " --key");
      }
      char[] pw = passwords().forReading("keystore " + file);
      try {
        key = Keystore.read(file, pw);
        keyFrom = file;
      } finally {
        Arrays.fill(pw, '\0');
      }
    }
    return key;
  }

  /** A ledger client signing with the operator's key ({@link #key()}, decrypted at most once). */
  public LedgerClient client() {
    return client(key());
  }

  /** A ledger client signing with {@code key}. */
  public LedgerClient client(SigningKey key) {
    Deployment d = deployment();
    return LedgerClient.connect(new LedgerConfig(rpcUrl(), d.chainId(), d, key, fees(), null));
  }

  /** A read-only ledger client. */
  public LedgerClient reader() {
    Deployment d = deployment();
    return LedgerClient.connect(new LedgerConfig(rpcUrl(), d.chainId(), d, null, fees(), null));
  }

  public BrokerClient brokerClient() {
    return new BrokerClient(brokerUrl());
  }

  /** A broker client that signs the reads of the operator's own orders with its key. */
  public BrokerClient signedBrokerClient() {
    return brokerClient().signedBy(key());
  }

  /** The keystore's address, read without decrypting it (no password needed). */
  public Address keystoreAddress() {
    if (plainKey()) {
      return key().address();
    }
    return Keystore.address(keystoreFile());
  }

  /** Where keystore passwords come from: --password-file, the environment, or a prompt. */
  PasswordSource passwords() {
    return PasswordSource.system(passwordFile);
  }
}

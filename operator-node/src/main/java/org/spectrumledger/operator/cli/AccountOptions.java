package org.spectrumledger.operator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.ledger.keys.PasswordSource;
import org.spectrumledger.operator.market.BrokerClient;
import picocli.CommandLine.Option;

/**
 * Where an operator's node finds the ledger, its deployment record, its key and the broker.
 * Precedence: the flag, then the environment variable, then the default under {@code --home}.
 */
public final class AccountOptions {

  @Option(
      names = "--home",
      description = "directory for the node's files (default: $SPECTRUM_HOME or .spectrum)")
  Path home;

  @Option(
      names = "--rpc",
      description = "ledger node JSON-RPC URL (default: $SPECTRUM_RPC or http://127.0.0.1:8545)")
  String rpc;

  @Option(
      names = "--deployment",
      description = "deployment record (default: $SPECTRUM_DEPLOYMENT or HOME/deployment.json)")
  Path deployment;

  @Option(
      names = "--keystore",
      description = "encrypted key file (default: $SPECTRUM_KEYSTORE or HOME/keystore.json)")
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
      description = "broker URL (default: $SPECTRUM_BROKER or http://127.0.0.1:8080)")
  String broker;

  @Option(names = "--gas", description = "free, auto or eip1559:MAXFEE:TIP (default: auto)")
  String gas;

  /** The decrypted key, once {@link #key()} has run, and the keystore it came from. */
  private SigningKey key;

  private Path keyFrom;

  public Path home() {
    if (home != null) {
      return home;
    }
    String env = System.getenv("SPECTRUM_HOME");
    return Path.of(env != null ? env : ".spectrum");
  }

  public String rpcUrl() {
    return pick(rpc, "SPECTRUM_RPC", "http://127.0.0.1:8545");
  }

  public Path deploymentFile() {
    return deployment != null
        ? deployment
        : Path.of(pick(null, "SPECTRUM_DEPLOYMENT", home().resolve("deployment.json").toString()));
  }

  public Path keystoreFile() {
    return keystore != null
        ? keystore
        : Path.of(pick(null, "SPECTRUM_KEYSTORE", home().resolve("keystore.json").toString()));
  }

  public String brokerUrl() {
    return pick(broker, "SPECTRUM_BROKER", "http://127.0.0.1:8080");
  }

  public GasFees fees() {
    return gas == null ? GasFees.auto() : GasFees.parse(gas);
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
    Path file = keystoreFile();
    if (key == null || !file.equals(keyFrom)) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "no key: "
                + file
                + " does not exist; create one with 'spectrum operator keys new' or give"
                + " --keystore");
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

  /** The keystore's address, read without decrypting it (no password needed). */
  public Address keystoreAddress() {
    return Keystore.address(keystoreFile());
  }

  /** Where keystore passwords come from: --password-file, the environment, or a prompt. */
  PasswordSource passwords() {
    return PasswordSource.system(passwordFile);
  }

  private static String pick(String flag, String env, String fallback) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String e = System.getenv(env);
    return e != null && !e.isBlank() ? e : fallback;
  }
}

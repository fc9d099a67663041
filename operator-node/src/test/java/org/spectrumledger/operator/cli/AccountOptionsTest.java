package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.CascadingDefaultProvider;
import org.spectrumledger.ledger.keys.Keystore;
import picocli.CommandLine;

class AccountOptionsTest {

  /** The parsed subcommand of {@code spectrum operator …}, with {@code env} as the environment. */
  private static Object parse(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new OperatorCommand());
    cli.setDefaultValueProvider(new CascadingDefaultProvider(env::get));
    return cli.parseArgs(args).subcommand().commandSpec().userObject();
  }

  /** The account options of {@code spectrum operator status …}. */
  private static AccountOptions status(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    return ((StatusCommand) parse(env, all)).account;
  }

  @Test
  void accountSettingsComeFromTheFlagThenTheEnvironmentThenTheFileThenTheDefault(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("operator.json");
    Files.writeString(
        json,
        """
        {"home": "%s", "rpcUrl": "http://file:8545", "broker": "http://file:8080",
         "keystore": "%s"}
        """
            .formatted(dir.resolve("home"), dir.resolve("file-keystore.json")));
    Map<String, String> env = new HashMap<>();

    AccountOptions defaults = status(env);
    assertThat(defaults.home()).isEqualTo(Path.of(".spectrum"));
    assertThat(defaults.rpcUrl()).isEqualTo("http://127.0.0.1:8545");
    assertThat(defaults.brokerUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(defaults.deploymentFile()).isEqualTo(Path.of(".spectrum", "deployment.json"));

    AccountOptions fromFile = status(env, "--config", json.toString());
    assertThat(fromFile.rpcUrl()).isEqualTo("http://file:8545");
    assertThat(fromFile.brokerUrl()).isEqualTo("http://file:8080");
    assertThat(fromFile.keystoreFile()).isEqualTo(dir.resolve("file-keystore.json"));
    assertThat(fromFile.deploymentFile())
        .as("the default under the file's home")
        .isEqualTo(dir.resolve("home").resolve("deployment.json"));

    env.put("SPECTRUM_RPC", "http://env:8545");
    env.put("SPECTRUM_HOME", dir.resolve("env-home").toString());
    AccountOptions fromEnv = status(env, "--config", json.toString());
    assertThat(fromEnv.rpcUrl()).isEqualTo("http://env:8545");
    assertThat(fromEnv.home()).isEqualTo(dir.resolve("env-home"));
    assertThat(fromEnv.brokerUrl())
        .as("no environment variable: the file")
        .isEqualTo("http://file:8080");

    AccountOptions fromFlags =
        status(
            env,
            "--config",
            json.toString(),
            "--rpc",
            "http://flag:8545",
            "--home",
            dir.resolve("flag-home").toString());
    assertThat(fromFlags.rpcUrl()).isEqualTo("http://flag:8545");
    assertThat(fromFlags.home()).isEqualTo(dir.resolve("flag-home"));
  }

  @Test
  void theDaemonsOwnOptionsReadFromTheSameFile(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("operator.json");
    Files.writeString(
        json,
        """
        {"data": "lte.tsv", "bands": [13, 4], "cell": "0x7", "metricsPort": 9100,
         "rpcUrl": "http://file:8545"}
        """);
    RunCommand run =
        (RunCommand) parse(Map.of(), "run", "--config", json.toString(), "--cell", "0x9");
    assertThat(run.data).as("a required option set by the file").isEqualTo(Path.of("lte.tsv"));
    assertThat(run.bands).containsExactly(13, 4);
    assertThat(run.metricsPort).isEqualTo(9100);
    assertThat(run.cell).as("the flag over the file").isEqualTo("0x9");
    assertThat(run.licence).as("no default: the daemon reads its licence on chain").isNull();
    assertThat(run.account.rpcUrl()).isEqualTo("http://file:8545");
  }

  @Test
  void anAddressWithAWrongChecksumIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(), "status", "--address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--address")
        .hasMessageContaining("EIP-55 checksum");
  }

  @Test
  void theKeyIsDecryptedOnceAndThePasswordReadOnce(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(new SecureRandom());
    Path keystore = dir.resolve("keystore.json");
    Keystore.write(keystore, key, "password1".toCharArray(), Keystore.Kdf.LIGHT);
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "password1\n");
    AccountOptions account = new AccountOptions();
    account.keystore = keystore;
    account.passwordFile = pw;

    SigningKey first = account.key();
    assertThat(first).isEqualTo(key);
    assertThat(account.keystoreAddress()).isEqualTo(key.address());
    Files.delete(pw);
    assertThat(account.key()).as("no second decryption, no second password").isSameAs(first);

    // another keystore is another key: decrypted anew, with a password asked anew
    SigningKey other = SigningKey.random(new SecureRandom());
    Path otherStore = dir.resolve("other.json");
    Keystore.write(otherStore, other, "password2".toCharArray(), Keystore.Kdf.LIGHT);
    account.keystore = otherStore;
    assertThatThrownBy(account::key)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the password file");
    Files.writeString(pw, "password2");
    assertThat(account.key()).isEqualTo(other);
  }

  @Test
  void aMissingKeystoreSaysHowToMakeOne(@TempDir Path dir) {
    AccountOptions account = new AccountOptions();
    account.keystore = dir.resolve("none.json");
    assertThatThrownBy(account::key)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no key")
        .hasMessageContaining("spectrum operator keys new");
  }

  @Test
  void aKeyTypedInsteadOfAKeyFileIsRefusedWithoutEchoingIt(@TempDir Path dir) {
    String secret = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    for (String typed : new String[] {secret, secret.substring(2)}) {
      AccountOptions account = status(new HashMap<>(), "--key", typed);
      assertThatThrownBy(account::key)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not the key itself")
          .hasMessageNotContaining(secret.substring(2, 12));
      assertThatThrownBy(account::keystoreAddress).hasMessageNotContaining(secret.substring(2, 12));
    }
    // a directory is not a key file
    AccountOptions inDir = status(new HashMap<>(), "--key", dir.toString());
    assertThatThrownBy(inDir::key).hasMessageContaining("is a directory");
  }
}

package org.spectrumledger.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.CascadingDefaultProvider;
import org.spectrumledger.ledger.keys.Keystore;
import picocli.CommandLine;

/**
 * How {@code broker run} settles its settings (flag, environment, config file, default) and finds
 * its key: a hex key file or a keystore, by flag or config file.
 */
class BrokerCommandTest {

  static Path deployment(Path dir) {
    Map<String, Deployment.DeployedContract> contracts =
        Map.of(
            "SettlementToken", contract(1),
            "SpectrumPolicy", contract(2),
            "SpectrumExchange", contract(3),
            "BrokerCourt", contract(4));
    Deployment d =
        new Deployment(
            2018,
            contracts,
            1,
            Address.of("0x" + "44".repeat(20)),
            60,
            JsonNodeFactory.instance.objectNode(),
            "2025-01-01T00:00:00Z");
    Path file = dir.resolve("deployment.json");
    d.write(file);
    return file;
  }

  static Deployment.DeployedContract contract(int n) {
    return new Deployment.DeployedContract(
        Address.of("0x" + String.format("%02x", n).repeat(20)),
        Bytes32.wrap(new byte[32]),
        1,
        "0x");
  }

  static BrokerConfig config(String... args) throws Exception {
    BrokerCommand.Run run = new BrokerCommand.Run();
    new CommandLine(run).parseArgs(args);
    return run.config();
  }

  /** The config with {@code env} as the environment. */
  static BrokerConfig config(Map<String, String> env, String... args) throws Exception {
    BrokerCommand.Run run = new BrokerCommand.Run();
    CommandLine cli = new CommandLine(run);
    cli.setDefaultValueProvider(new CascadingDefaultProvider(env::get));
    cli.parseArgs(args);
    return run.config();
  }

  static Path hexKey(Path dir) throws Exception {
    Path keyFile = dir.resolve("broker.key");
    Files.writeString(keyFile, SigningKey.random(new SecureRandom()).exportPrivateKey() + "\n");
    return keyFile;
  }

  @Test
  void everySettingOfAnOlderConfigFileStillReads(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("broker-config.json");
    Files.writeString(
        json,
        """
        {"rpcUrl": "http://10.0.0.5:8545", "deployment": "%s", "keyFile": "%s",
         "host": "0.0.0.0", "port": 9090, "database": "jdbc:sqlite:%s",
         "dataDir": "%s", "gas": "free", "nonRtEpochMillis": 2000, "nearRtEpochMillis": 50,
         "settlePeriodMillis": 3000, "lotSize": 10, "tickSize": 500}
        """
            .formatted(deployment(dir), hexKey(dir), dir.resolve("b.db"), dir.resolve("data")));
    BrokerConfig c = config(Map.of(), "--config", json.toString());
    assertThat(c.rpcUrl()).isEqualTo("http://10.0.0.5:8545");
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:sqlite:" + dir.resolve("b.db"));
    assertThat(c.nonRtEpoch()).isEqualTo(Duration.ofMillis(2000));
    assertThat(c.nearRtEpoch()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.settlePeriod()).isEqualTo(Duration.ofMillis(3000));
    assertThat(c.intake().lotSize()).isEqualTo(10);
    assertThat(c.intake().tickSize()).isEqualTo(500);
    assertThat(c.fees()).isEqualTo(GasFees.free());
  }

  @Test
  void flagThenEnvironmentThenFileThenDefault(@TempDir Path dir) throws Exception {
    Path deployment = deployment(dir);
    Path key = hexKey(dir);
    Path json = dir.resolve("broker-config.json");
    Files.writeString(
        json,
        """
        {"rpcUrl": "http://file:8545", "database": "jdbc:sqlite:file.db", "port": 9001}
        """);
    String[] base = {
      "--config",
      json.toString(),
      "--deployment",
      deployment.toString(),
      "--key-file",
      key.toString(),
      "--data-dir",
      dir.resolve("data").toString()
    };

    BrokerConfig fromFile = config(Map.of(), base);
    assertThat(fromFile.rpcUrl()).isEqualTo("http://file:8545");
    assertThat(fromFile.jdbcUrl()).isEqualTo("jdbc:sqlite:file.db");
    assertThat(fromFile.port()).isEqualTo(9001);
    assertThat(fromFile.host()).as("nothing sets it: the default").isEqualTo("127.0.0.1");

    Map<String, String> env =
        Map.of("SPECTRUM_RPC", "http://env:8545", "SPECTRUM_BROKER_DB", "jdbc:sqlite:env.db");
    BrokerConfig fromEnv = config(env, base);
    assertThat(fromEnv.rpcUrl()).isEqualTo("http://env:8545");
    assertThat(fromEnv.jdbcUrl()).isEqualTo("jdbc:sqlite:env.db");
    assertThat(fromEnv.port()).as("no environment variable: the file").isEqualTo(9001);

    String[] flags = {"--rpc", "http://flag:8545", "--db", "jdbc:sqlite:flag.db", "--port", "9002"};
    BrokerConfig fromFlags =
        config(env, Stream.concat(Stream.of(base), Stream.of(flags)).toArray(String[]::new));
    assertThat(fromFlags.rpcUrl()).isEqualTo("http://flag:8545");
    assertThat(fromFlags.jdbcUrl()).isEqualTo("jdbc:sqlite:flag.db");
    assertThat(fromFlags.port()).isEqualTo(9002);

    BrokerConfig defaults =
        config(
            Map.of(),
            "--deployment",
            deployment.toString(),
            "--key-file",
            key.toString(),
            "--data-dir",
            dir.resolve("data").toString());
    assertThat(defaults.rpcUrl()).isEqualTo("http://127.0.0.1:8545");
    assertThat(defaults.jdbcUrl()).isEqualTo(BrokerStore.defaultUrl(dir.resolve("data")));
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.nonRtEpoch()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void minValiditySecondsComesFromItsFlagElseTheConfigFileElseTwo(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("broker-config.json");
    Files.writeString(json, "{\"minValiditySeconds\": 30}");
    String[] base = {
      "--deployment",
      deployment(dir).toString(),
      "--key-file",
      hexKey(dir).toString(),
      "--data-dir",
      dir.resolve("data").toString()
    };
    String[] withFile =
        Stream.concat(Stream.of(base), Stream.of("--config", json.toString()))
            .toArray(String[]::new);

    assertThat(config(Map.of(), base).intake().minValiditySeconds()).isEqualTo(2);
    assertThat(config(Map.of(), withFile).intake().minValiditySeconds()).isEqualTo(30);
    assertThat(
            config(
                    Map.of(),
                    Stream.concat(Stream.of(withFile), Stream.of("--min-validity-seconds", "0"))
                        .toArray(String[]::new))
                .intake()
                .minValiditySeconds())
        .isEqualTo(0);
  }

  /**
   * {@code broker run} with {@code settings} after the deployment, a key and an unreachable node:
   * its exit code, and what it wrote to stderr.
   */
  static Map.Entry<Integer, String> run(Path dir, String... settings) throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = BrokerMain.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    String[] base = {
      "run",
      "--deployment",
      deployment(dir).toString(),
      "--key-file",
      hexKey(dir).toString(),
      "--data-dir",
      dir.resolve("data").toString(),
      // no node here: a setting refused never gets as far as asking it
      "--rpc",
      "http://127.0.0.1:1",
      "--port",
      "0"
    };
    int code =
        cli.execute(Stream.concat(Stream.of(base), Stream.of(settings)).toArray(String[]::new));
    return Map.entry(code, err.toString());
  }

  @Test
  void aMinValidityNegativeNotAWholeNumberOfSecondsOrNotBelowTheHorizonIsRefusedInOneLine(
      @TempDir Path dir) throws Exception {
    Path json = dir.resolve("broker-config.json");
    Files.writeString(json, "{\"minValiditySeconds\": \"10s\"}");
    String[][] refused = {
      {"--min-validity-seconds", "-1"},
      {"--min-validity-seconds", "10s"},
      {"--min-validity-seconds", "2.5"},
      {"--min-validity-seconds", "2000ms"},
      {"--min-validity-seconds="},
      {"--min-validity-seconds", String.valueOf(366 * 86_400)},
      {"--horizon-days", "1", "--min-validity-seconds", "86400"},
      {"--config", json.toString()}
    };
    for (String[] settings : refused) {
      Map.Entry<Integer, String> r = run(dir, settings);
      String said = String.join(" ", settings);
      assertThat(r.getKey()).as(said).isEqualTo(2);
      // (the first line says it all; a value picocli cannot read is followed by the usage)
      assertThat(r.getValue().lines().findFirst().orElse(""))
          .as(said)
          .contains("--min-validity-seconds")
          .containsAnyOf("must be 0 .. ", "it takes a whole number");
      assertThat(r.getValue()).as(said).doesNotContain("unreachable", "Exception", "\tat ");
    }
    assertThat(run(dir, "--horizon-days", "1", "--min-validity-seconds", "86400").getValue())
        .contains("0 .. 86399")
        .contains("horizon of 1 day)");
  }

  @Test
  void aLotTickOrPeriodBelowOneIsRefusedNamingItsOptionAndTheValue(@TempDir Path dir)
      throws Exception {
    for (String option :
        new String[] {
          "--lot-size", "--tick-size", "--non-rt-epoch-ms", "--near-rt-epoch-ms", "--settle-ms"
        }) {
      for (String value : new String[] {"0", "-5"}) {
        Map.Entry<Integer, String> r = run(dir, option, value);
        assertThat(r.getKey()).as("%s %s", option, value).isEqualTo(2);
        assertThat(r.getValue())
            .as("%s %s", option, value)
            .startsWith("error: " + option + " must be 1 or more (")
            .endsWith("got " + value + System.lineSeparator())
            .doesNotContain("Exception");
      }
    }
  }

  @Test
  void aSettingOutOfRangeIsRefusedBeforeAFileIsReadAPasswordAskedOrADirectoryMade(@TempDir Path dir)
      throws Exception {
    Path keystore = dir.resolve("broker.json");
    Keystore.write(
        keystore,
        SigningKey.random(new SecureRandom()),
        "broker password".toCharArray(),
        Keystore.Kdf.LIGHT);
    Path data = dir.resolve("data");
    String[][] refused = {
      {"--port", "-1"},
      {"--gas", "5"},
      {"--settle-ms", "0"},
      {"--tick-size", "0"},
      {"--horizon-days", "0"},
      {"--min-validity-seconds", "-1"}
    };
    // no deployment record there, or one; a keystore with no password given
    for (Path deployment : new Path[] {dir.resolve("none.json"), deployment(dir)}) {
      for (String[] setting : refused) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = BrokerMain.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        int code =
            cli.execute(
                "run",
                "--deployment",
                deployment.toString(),
                "--key",
                keystore.toString(),
                "--data-dir",
                data.toString(),
                setting[0],
                setting[1]);
        String said = deployment.getFileName() + " " + setting[0];
        assertThat(code).as(said).isEqualTo(2);
        assertThat(err.toString())
            .as(said)
            .contains(setting[0].equals("--gas") ? "gas fees must be" : setting[0] + " must be")
            .doesNotContain("deployment", "password");
        assertThat(data).as("nothing created").doesNotExist();
      }
    }
  }

  @Test
  void anEmptyHostOrAStoreOfNoKnownFormIsRefusedBeforeTheChainIsAsked(@TempDir Path dir)
      throws Exception {
    String[][] refused = {
      {"--host=", "--host must name an address"},
      {"--db=", "no broker database given"},
      {"--db=broker.db", "unsupported broker database broker.db"}
    };
    for (String[] setting : refused) {
      Map.Entry<Integer, String> r = run(dir, setting[0]);
      assertThat(r.getKey()).as(setting[0]).isEqualTo(2);
      assertThat(r.getValue())
          .as(setting[0])
          .startsWith("error: " + setting[1])
          .doesNotContain("unreachable", "Exception");
    }
  }

  @Test
  void aConfigFileWithAnUnknownSettingIsRefused(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("broker-config.json");
    Files.writeString(json, "{\"rpc\": \"http://127.0.0.1:8545\"}");
    assertThatThrownBy(() -> config(Map.of(), "--config", json.toString()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("unknown setting \"rpc\"")
        .hasMessageContaining("rpcUrl");
  }

  @Test
  void aHexKeyFileStillWorks(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(new SecureRandom());
    Path keyFile = dir.resolve("broker.key");
    Files.writeString(keyFile, key.exportPrivateKey() + "\n");
    BrokerConfig c =
        config(
            "--deployment",
            deployment(dir).toString(),
            "--key-file",
            keyFile.toString(),
            "--data-dir",
            dir.resolve("db").toString());
    assertThat(c.key()).isEqualTo(key);
  }

  @Test
  void aKeystoreOpensWithThePasswordFileByFlagOrConfigFile(@TempDir Path dir) throws Exception {
    SigningKey key = SigningKey.random(new SecureRandom());
    Path keystore = dir.resolve("broker.json");
    Keystore.write(keystore, key, "broker password".toCharArray(), Keystore.Kdf.LIGHT);
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "broker password\n");
    Path deployment = deployment(dir);
    BrokerConfig byFlags =
        config(
            "--deployment",
            deployment.toString(),
            "--key-file",
            keystore.toString(),
            "--password-file",
            pw.toString(),
            "--data-dir",
            dir.resolve("db").toString());
    assertThat(byFlags.key()).isEqualTo(key);

    Path json = dir.resolve("broker-config.json");
    Files.writeString(
        json,
        "{\"deployment\": \""
            + deployment
            + "\", \"keyFile\": \""
            + keystore
            + "\", \"passwordFile\": \""
            + pw
            + "\", \"dataDir\": \""
            + dir.resolve("db")
            + "\"}");
    assertThat(config("--config", json.toString()).key()).isEqualTo(key);

    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "not the password\n");
    assertThatThrownBy(
            () ->
                config(
                    "--deployment",
                    deployment.toString(),
                    "--key-file",
                    keystore.toString(),
                    "--password-file",
                    wrong.toString(),
                    "--data-dir",
                    dir.resolve("db").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong password for keystore");
  }

  @Test
  void aMissingOrMalformedKeyFileIsAClearError(@TempDir Path dir) throws Exception {
    Path deployment = deployment(dir);
    assertThatThrownBy(
            () ->
                config(
                    "--deployment",
                    deployment.toString(),
                    "--key-file",
                    dir.resolve("none").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no broker key file at");
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "hello");
    assertThatThrownBy(
            () ->
                config(
                    "--deployment",
                    deployment.toString(),
                    "--key-file",
                    junk.toString(),
                    "--data-dir",
                    dir.resolve("db").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a V3 keystore nor a hex private key");
  }

  @Test
  void aBusyOrImpossiblePortIsBadInputBeforeTheChainOrTheStoreIsTouched(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      for (String port : new String[] {String.valueOf(busy.getLocalPort()), "99999", "-1"}) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = BrokerMain.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        int code =
            cli.execute(
                "run",
                "--deployment",
                deployment(dir).toString(),
                "--key-file",
                hexKey(dir).toString(),
                "--data-dir",
                data.toString(),
                // no node here: a port refused first never gets as far as asking it
                "--rpc",
                "http://127.0.0.1:1",
                "--port",
                port);
        assertThat(code).as("port %s", port).isEqualTo(2);
        assertThat(err.toString())
            .as("port %s", port)
            .contains(port.equals("99999") || port.equals("-1") ? "0 .. 65535" : "in use")
            .doesNotContain("unreachable")
            .doesNotContain("Exception");
        assertThat(data.resolve("broker.db")).as("nothing created").doesNotExist();
      }
    }
  }
}

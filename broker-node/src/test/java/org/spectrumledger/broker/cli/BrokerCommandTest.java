package org.spectrumledger.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.keys.Keystore;
import picocli.CommandLine;

/** How {@code broker run} finds its key: a hex key file or a keystore, by flag or config file. */
class BrokerCommandTest {

  static Path deployment(Path dir) {
    Map<String, Deployment.DeployedContract> contracts =
        Map.of(
            "SettlementToken", contract(1),
            "SpectrumPolicy", contract(2),
            "SpectrumExchange", contract(3));
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
}

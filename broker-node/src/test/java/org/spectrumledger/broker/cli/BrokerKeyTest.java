package org.spectrumledger.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.cli.CascadingDefaultProvider;
import picocli.CommandLine;

/**
 * The broker's key from {@code SPECTRUM_BROKER_KEY}, read one way by {@code broker run} and {@code
 * broker bond}, which say alike what to give when there is none.
 */
class BrokerKeyTest {

  @Test
  void theHexKeyInTheVariable() {
    SigningKey k = SigningKey.random(new SecureRandom());
    assertThat(BrokerKey.fromEnvironmentOrNull(Map.of(BrokerKey.ENV, k.exportPrivateKey())::get))
        .extracting(SigningKey::address)
        .isEqualTo(k.address());
  }

  @Test
  void noKeyWhenTheVariableIsUnsetOrBlank() {
    assertThat(BrokerKey.fromEnvironmentOrNull(Map.<String, String>of()::get)).isNull();
    assertThat(BrokerKey.fromEnvironmentOrNull(Map.of(BrokerKey.ENV, "  ")::get)).isNull();
  }

  @Test
  void aValueThatIsNoKeyIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> BrokerKey.fromEnvironmentOrNull(Map.of(BrokerKey.ENV, "0x1234")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "environment variable SPECTRUM_BROKER_KEY does not hold a private key");
  }

  @Test
  void runAndBondSayAlikeWhatToGiveWithoutAKey(@TempDir Path dir) throws Exception {
    assumeTrue(System.getenv(BrokerKey.ENV) == null, "SPECTRUM_BROKER_KEY is set here");
    Path deployment = BrokerCommandTest.deployment(dir);
    String how =
        "give --key FILE (a keystore or a hex key) or --key env:NAME, or set SPECTRUM_BROKER_KEY";
    assertThatThrownBy(
            () ->
                BrokerCommandTest.config(
                    Map.of(),
                    "--deployment",
                    deployment.toString(),
                    "--data-dir",
                    dir.resolve("db").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no broker key: " + how);

    BondCommand.Status status = new BondCommand.Status();
    new CommandLine(status)
        .setDefaultValueProvider(new CascadingDefaultProvider(Map.<String, String>of()::get))
        .parseArgs("--deployment", deployment.toString());
    assertThatThrownBy(() -> status.chain.requireKey("name the broker"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no key to name the broker with: " + how);
  }
}

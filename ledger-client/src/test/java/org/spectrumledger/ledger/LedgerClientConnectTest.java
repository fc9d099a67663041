package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerClientConnectTest {

  private DevLedger ledger;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
  }

  @Test
  void deploymentRecordNamesEveryContractAndRoundTripsThroughJson(@TempDir Path dir) {
    Deployment d = ledger.deployment();
    assertThat(d.chainId()).isEqualTo(2018);
    assertThat(d.contracts())
        .containsOnlyKeys("SettlementToken", "SpectrumPolicy", "SpectrumExchange", "BrokerCourt");
    assertThat(d.contracts().values())
        .allSatisfy(
            c -> {
              assertThat(c.block()).isGreaterThanOrEqualTo(d.deploymentBlock());
              assertThat(c.constructorArguments()).startsWith("0x");
            });
    assertThat(d.compiler().path("compiler").asText()).startsWith("v0.8.37");
    assertThat(d.compiler().path("settings").path("evmVersion").asText()).isEqualTo("cancun");
    Path file = dir.resolve("deployment.json");
    d.write(file);
    assertThat(Deployment.read(file)).isEqualTo(d);
  }

  @Test
  void malformedDeploymentRecordIsAClearErrorNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"chainId\": 2018, \"contracts\": {}}");
    assertThatThrownBy(() -> Deployment.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> Deployment.read(dir.resolve("missing.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void refusesAConfigForAnotherChain() {
    LedgerConfig config = ledger.config(ledger.adminKey());
    LedgerConfig wrong =
        new LedgerConfig(
            config.rpcUrl(), 1, config.deployment(), config.key(), config.fees(), null);
    assertThatThrownBy(() -> LedgerClient.connect(wrong))
        .isInstanceOf(WrongChainException.class)
        .hasMessageContaining("expected chain id 1");
    Deployment other =
        new Deployment(
            1,
            config.deployment().contracts(),
            0,
            config.deployment().admin(),
            60,
            config.deployment().compiler(),
            "now");
    assertThatThrownBy(
            () ->
                LedgerClient.connect(
                    new LedgerConfig(config.rpcUrl(), 1, other, config.key(), config.fees(), null)))
        .isInstanceOf(WrongChainException.class)
        .hasMessageContaining("has chain id 2018");
  }

  @Test
  void refusesADeploymentWithNoContractAtAnAddress() {
    Deployment d = ledger.deployment();
    Map<String, Deployment.DeployedContract> contracts = new HashMap<>(d.contracts());
    Address nowhere = Address.of("0x00000000000000000000000000000000000000aa");
    contracts.put(
        "SpectrumExchange",
        new Deployment.DeployedContract(
            nowhere, d.contracts().get("SpectrumExchange").txHash(), 1, "0x"));
    Deployment bad = new Deployment(d.chainId(), contracts, 1, d.admin(), 60, d.compiler(), "now");
    assertThatThrownBy(
            () -> LedgerClient.connect(LedgerConfig.of(ledger.chain().rpcUrl(), bad, null)))
        .isInstanceOf(NoContractException.class)
        .hasMessageContaining("no SpectrumExchange contract at " + nowhere);
  }

  @Test
  void unreachableNodeIsAnUnavailableErrorNotANullPointer() {
    LedgerConfig config = LedgerConfig.of("http://127.0.0.1:9", ledger.deployment(), null);
    assertThatThrownBy(() -> LedgerClient.connect(config))
        .isInstanceOf(LedgerUnavailableException.class)
        .hasMessageContaining("127.0.0.1:9")
        .hasMessageContaining("unreachable");
  }

  @Test
  void readOnlyClientReadsButCannotSign() {
    try (LedgerClient reader =
        LedgerClient.connect(LedgerConfig.of(ledger.chain().rpcUrl(), ledger.deployment(), null))) {
      assertThat(reader.exchange().feeBps()).isZero();
      assertThatThrownBy(() -> reader.exchange().deposit(java.math.BigInteger.ONE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("read-only");
    }
  }
}

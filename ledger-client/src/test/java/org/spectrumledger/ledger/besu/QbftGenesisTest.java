package org.spectrumledger.ledger.besu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.internal.ContractArtifacts;

class QbftGenesisTest {

  private static final List<Address> VALIDATORS =
      List.of(
          Address.of("0x06e23768a0f59cf365e18c2e0c89e151bcdedc70"),
          Address.of("0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb"));

  private static QbftGenesis genesis(String evm) {
    return new QbftGenesis(
        2018,
        2,
        4,
        30_000,
        100_000_000,
        24_576,
        evm,
        VALIDATORS,
        Map.of(Address.of("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"), BigInteger.TEN.pow(24)),
        1_700_000_000L);
  }

  @Test
  void holdsTheQbftBlockAndFeeSettingsBesuReads() {
    JsonNode json = genesis("cancun").toJson();
    JsonNode config = json.path("config");
    assertThat(config.path("chainId").asLong()).isEqualTo(2018);
    assertThat(config.path("zeroBaseFee").asBoolean()).isTrue();
    assertThat(config.path("contractSizeLimit").asInt()).isEqualTo(24_576);
    assertThat(config.path("qbft").path("blockperiodseconds").asInt()).isEqualTo(2);
    assertThat(config.path("qbft").path("requesttimeoutseconds").asInt()).isEqualTo(4);
    assertThat(config.path("qbft").path("epochlength").asLong()).isEqualTo(30_000);
    assertThat(json.path("difficulty").asText()).isEqualTo("0x1");
    assertThat(json.path("mixHash").asText()).isEqualTo(QbftGenesis.BFT_MIX_HASH);
    assertThat(Long.decode(json.path("gasLimit").asText())).isEqualTo(100_000_000L);
    assertThat(Long.decode(json.path("timestamp").asText())).isEqualTo(1_700_000_000L);
    assertThat(
            json.path("alloc")
                .path("7e5f4552091a69125d5dfcb7b8c2659029395bdf")
                .path("balance")
                .asText())
        .isEqualTo("0x" + BigInteger.TEN.pow(24).toString(16));
    assertThat(QbftExtraData.decodeValidators(json.path("extraData").asText()))
        .containsExactlyElementsOf(VALIDATORS);
  }

  @Test
  void enablesEveryForkUpToCancunAtGenesisAndNothingLater() {
    JsonNode config = genesis("cancun").toJson().path("config");
    for (String fork : Forks.BLOCK_FORKS) {
      assertThat(config.path(fork).asLong(-1)).as(fork).isZero();
    }
    assertThat(config.path("shanghaiTime").asLong(-1)).isZero();
    assertThat(config.path("cancunTime").asLong(-1)).isZero();
    assertThat(config.has("pragueTime")).isFalse();
  }

  @Test
  void theContractsWereCompiledForTheEvmVersionTheGenesisEnables() {
    String evm = ContractArtifacts.buildInfo().path("settings").path("evmVersion").asText();
    assertThat(evm).isEqualTo("cancun");
    JsonNode config = genesis(evm).toJson().path("config");
    assertThat(config.has(evm + "Time")).isTrue();
    for (String later : Forks.after(evm)) {
      assertThat(config.has(later)).as(later).isFalse();
    }
  }

  @Test
  void refusesPublicChainIdsUnknownEvmVersionsAndTightTimeouts() {
    assertThatThrownBy(
            () ->
                new QbftGenesis(
                    1, 2, 4, 30_000, 100_000_000, 24_576, "cancun", VALIDATORS, Map.of(), 0))
        .hasMessageContaining("public network");
    assertThatThrownBy(() -> genesis("osaka")).hasMessageContaining("evm version 'osaka'");
    assertThatThrownBy(
            () ->
                new QbftGenesis(
                    2018, 4, 4, 30_000, 100_000_000, 24_576, "cancun", VALIDATORS, Map.of(), 0))
        .hasMessageContaining("must exceed the block period");
    assertThatThrownBy(
            () ->
                new QbftGenesis(
                    2018,
                    2,
                    4,
                    30_000,
                    100_000_000,
                    24_576,
                    "cancun",
                    List.of(VALIDATORS.get(0), VALIDATORS.get(0)),
                    Map.of(),
                    0))
        .hasMessageContaining("twice");
  }

  @Test
  void refusesABlockPeriodInMillisecondsNamingTheOption() {
    assertThatThrownBy(() -> QbftGenesis.builder(2018, VALIDATORS).blockPeriodSeconds(2000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--block-period takes seconds")
        .hasMessageContaining("2000 looks like milliseconds (2 s)");
    assertThatThrownBy(
            () ->
                QbftGenesis.builder(2018, VALIDATORS)
                    .blockPeriodSeconds(2)
                    .requestTimeoutSeconds(4000)
                    .build())
        .hasMessageContaining("--request-timeout takes seconds");
    // the longest period taken, with its default round timeout
    assertThat(QbftGenesis.builder(2018, VALIDATORS).blockPeriodSeconds(999).build())
        .extracting(QbftGenesis::requestTimeoutSeconds)
        .isEqualTo(1998);
    assertThatThrownBy(() -> QbftGenesis.builder(2018, VALIDATORS).epochLength(0).build())
        .hasMessageContaining("--epoch-length");
    assertThatThrownBy(() -> QbftGenesis.builder(2018, VALIDATORS).gasLimit(0).build())
        .hasMessageContaining("--gas-limit");
  }

  @Test
  void theBuilderDefaultsToTheContractsEvmAndARoundTimeoutOverTheBlockPeriod() {
    QbftGenesis g = QbftGenesis.builder(2018, VALIDATORS).blockPeriodSeconds(5).build();
    assertThat(g.evmVersion())
        .isEqualTo(ContractArtifacts.buildInfo().path("settings").path("evmVersion").asText());
    assertThat(g.requestTimeoutSeconds()).isEqualTo(10);
    assertThat(QbftGenesis.builder(2018, VALIDATORS).blockPeriodSeconds(1).build())
        .extracting(QbftGenesis::requestTimeoutSeconds)
        .isEqualTo(4);
    assertThat(g.gasLimit()).isEqualTo(QbftGenesis.DEFAULT_GAS_LIMIT);
    assertThat(g.contractSizeLimit()).isEqualTo(QbftGenesis.EIP170_CONTRACT_SIZE_LIMIT);
  }
}

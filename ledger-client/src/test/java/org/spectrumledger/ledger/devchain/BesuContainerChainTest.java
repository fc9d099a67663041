package org.spectrumledger.ledger.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftExtraData;

/** The genesis the Besu container starts from, read back with a JSON parser. */
class BesuContainerChainTest {

  private final ObjectMapper json = new ObjectMapper();

  private JsonNode genesis(DevChainOptions options, SigningKey validator, SigningKey funded)
      throws Exception {
    return json.readTree(
        BesuContainerChain.genesis(options, validator, List.of(funded)).toFileText());
  }

  @Test
  void genesisEnablesCancunWithZeroBaseFeeOneValidatorAndTheFundedAccounts() throws Exception {
    SigningKey validator = SigningKey.random(new SecureRandom());
    SigningKey funded = SigningKey.random(new SecureRandom());
    JsonNode genesis = genesis(DevChainOptions.defaults(), validator, funded);
    JsonNode config = genesis.path("config");
    assertThat(config.path("chainId").asLong()).isEqualTo(2018);
    assertThat(config.path("cancunTime").asLong(-1)).isZero();
    assertThat(config.path("zeroBaseFee").asBoolean()).isTrue();
    assertThat(genesis.path("alloc").has(funded.address().hex().substring(2))).isTrue();
    assertThat(QbftExtraData.decodeValidators(genesis.path("extraData").asText()))
        .containsExactly(validator.address());
  }

  @ParameterizedTest(name = "block period {0} s")
  @ValueSource(ints = {0, 1, 2, 4, 5, 10})
  void theRoundTimeoutAlwaysExceedsTheBlockPeriod(int blockTime) throws Exception {
    SigningKey key = SigningKey.random(new SecureRandom());
    JsonNode qbft =
        genesis(DevChainOptions.defaults().withBlockTime(blockTime), key, key)
            .path("config")
            .path("qbft");
    int period = qbft.path("blockperiodseconds").asInt();
    assertThat(period).isEqualTo(Math.max(1, blockTime));
    assertThat(qbft.path("requesttimeoutseconds").asInt()).isGreaterThan(period);
  }
}

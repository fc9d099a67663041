package org.spectrumledger.ledger.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftExtraData;

class BesuContainerChainTest {

  @Test
  void genesisEnablesCancunWithZeroBaseFeeAndOneValidator() {
    SigningKey validator = SigningKey.random(new java.security.SecureRandom());
    SigningKey funded = SigningKey.random(new java.security.SecureRandom());
    String genesis =
        BesuContainerChain.genesis(DevChainOptions.defaults(), validator, List.of(funded));
    assertThat(genesis)
        .contains("\"chainId\": 2018")
        .contains("\"cancunTime\": 0")
        .contains("\"zeroBaseFee\": true")
        .contains(funded.address().hex());
    String extra = genesis.replaceAll("(?s).*\"extraData\": \"(0x[0-9a-f]+)\".*", "$1");
    assertThat(QbftExtraData.decodeValidators(extra)).containsExactly(validator.address());
  }
}

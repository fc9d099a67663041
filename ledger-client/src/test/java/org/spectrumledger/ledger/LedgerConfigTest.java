package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerConfigTest {

  @Test
  void aNodeUrlWithoutItsSchemeIsRefusedInPlainWords() {
    Address at = Address.of("0x" + "11".repeat(20));
    var contract = new Deployment.DeployedContract(at, null, 0, null);
    Deployment d =
        new Deployment(
            1,
            java.util.Map.of(
                "SettlementToken", contract,
                "SpectrumPolicy", contract,
                "SpectrumExchange", contract,
                "BrokerCourt", contract),
            0,
            null,
            60,
            null,
            null);
    for (String url : new String[] {"127.0.0.1:8545", "localhost:8545", "ftp://host:1"}) {
      assertThatThrownBy(() -> LedgerConfig.of(url, d, null))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs http:// or https:// in front");
    }
  }
}

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
    // a scheme with nothing usable after it is refused here, not by the HTTP client once a
    // command has already sent something elsewhere
    String[][] bad = {
      {"http://", "names no host"},
      {"http://localhost:notaport", "names no host"},
      {"http://127.0.0.1:0", "has a port that is not 1 .. 65535"},
      {"http://127.0.0.1:70000", "has a port that is not 1 .. 65535"},
      {"http://exa mple:8545", "is not a URL"},
    };
    for (String[] b : bad) {
      assertThatThrownBy(() -> LedgerConfig.of(b[0], d, null))
          .as(b[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + b[0] + "' " + b[1])
          .hasMessageContaining("http://HOST:PORT");
    }
    org.assertj.core.api.Assertions.assertThat(
            LedgerConfig.of("https://node.example:8545/rpc", d, null).rpcUrl())
        .isEqualTo("https://node.example:8545/rpc");
  }
}

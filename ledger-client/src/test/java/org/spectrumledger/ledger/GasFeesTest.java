package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/** Where gas is not free: EIP-1559 fees are paid, and a key without funds gets a clear error. */
class GasFeesTest {

  @Test
  void autoFeesPayABaseFeeWhereTheChainChargesOne() throws Exception {
    try (AnvilChain chain =
        AnvilChain.start(DevChainOptions.defaults().withAccounts(2).charging())) {
      SigningKey admin = chain.fundedKeys().get(0);
      Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
      BigInteger before =
          web3j
              .ethGetBalance(admin.address().hex(), DefaultBlockParameterName.LATEST)
              .send()
              .getBalance();
      Deployment d =
          LedgerClient.deploy(chain.rpcUrl(), admin, GasFees.auto(), DeployOptions.defaults());
      BigInteger after =
          web3j
              .ethGetBalance(admin.address().hex(), DefaultBlockParameterName.LATEST)
              .send()
              .getBalance();
      assertThat(after).as("deploying paid for gas").isLessThan(before);
      var tx =
          web3j
              .ethGetTransactionByHash(d.contracts().get("SpectrumExchange").txHash().hex())
              .send()
              .getTransaction()
              .orElseThrow();
      assertThat(tx.getType()).isEqualTo("0x2");
      assertThat(tx.getMaxFeePerGas()).isPositive();

      try (LedgerClient fixed =
          LedgerClient.connect(
              new LedgerConfig(
                  chain.rpcUrl(),
                  chain.chainId(),
                  d,
                  admin,
                  GasFees.eip1559(
                      BigInteger.valueOf(50_000_000_000L), BigInteger.valueOf(1_000_000_000L)),
                  null))) {
        TxResult sent = fixed.policy().registerBand(4, 1, 2, false, 0, 3_600);
        var fixedTx =
            web3j
                .ethGetTransactionByHash(sent.txHash().hex())
                .send()
                .getTransaction()
                .orElseThrow();
        assertThat(fixedTx.getType()).isEqualTo("0x2");
        assertThat(fixedTx.getMaxFeePerGas()).isEqualTo(BigInteger.valueOf(50_000_000_000L));
        assertThat(fixedTx.getMaxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(1_000_000_000L));
      }
      SigningKey broke = SigningKey.random(new SecureRandom());
      try (LedgerClient poor =
          LedgerClient.connect(
              new LedgerConfig(chain.rpcUrl(), chain.chainId(), d, broke, GasFees.auto(), null))) {
        assertThatThrownBy(() -> poor.exchange().cancelUpTo(5))
            .isInstanceOf(InsufficientFundsException.class)
            .hasMessageContaining(broke.address().toString());
      }
      web3j.shutdown();
    }
  }

  @Test
  void parsesTheThreeModes() {
    assertThat(GasFees.parse("free").mode()).isEqualTo(GasFees.Mode.FREE);
    assertThat(GasFees.parse("auto").mode()).isEqualTo(GasFees.Mode.AUTO);
    assertThat(GasFees.parse("eip1559:100:2").maxPriorityFeePerGas()).isEqualTo(2);
    assertThatThrownBy(() -> GasFees.parse("cheap")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GasFees.eip1559(BigInteger.ONE, BigInteger.TWO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

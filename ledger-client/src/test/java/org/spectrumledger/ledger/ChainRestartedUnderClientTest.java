package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * A client connected to a deployment whose chain is replaced by a fresh one on the same port (a dev
 * chain restarted): every read says the deployment's contracts are not there, not that a call
 * "returned an empty value", and reads work again once the same deployment is back.
 */
class ChainRestartedUnderClientTest {

  private static final MarketKey MARKET = new MarketKey(4, 7, 1_795_600_000, 1_795_603_600);

  @Test
  void readsOfAContractGoneWithItsChainAreNoContractErrorsUntilTheDeploymentIsBack()
      throws Exception {
    DevChainOptions options = DevChainOptions.defaults().withAccounts(3);
    AnvilChain first = AnvilChain.start(options);
    AnvilChain second = null;
    try (DevLedger ledger = DevLedger.deploy(first, 60);
        LedgerClient client = ledger.client(null)) {
      Address maker = ledger.brokerKey().address();
      assertThat(client.policy().bandInfo(4).registered()).isFalse();
      client.requireContracts();

      first.close();
      second = AnvilChain.start(options, URI.create(first.rpcUrl()).getPort());
      assertThat(client.chainTime()).as("the new chain answers").isPositive();

      List<ThrowingConsumer<LedgerClient>> reads =
          List.of(
              c -> c.policy().bandInfo(4),
              c -> c.policy().operatorInfo(maker),
              c -> c.policy().protectionZones(4, 7),
              c -> c.policy().sensingReport(4, 7),
              c -> c.exchange().escrowOf(maker),
              c -> c.exchange().pendingWithdrawal(maker),
              c -> c.exchange().minValidNonce(maker),
              c -> c.exchange().holdings(maker, MARKET),
              c -> c.exchange().feeBps(),
              c -> c.court().isBonded(maker),
              LedgerClient::requireContracts);
      for (ThrowingConsumer<LedgerClient> read : reads) {
        assertThatThrownBy(() -> read.accept(client))
            .isInstanceOf(NoContractException.class)
            .hasMessageContaining("contract at 0x")
            .hasMessageContaining("restarted");
      }

      // the same key deploying in the same order on a fresh chain: the same addresses
      try (DevLedger again = DevLedger.deploy(second, 60)) {
        for (String name : ledger.deployment().contracts().keySet()) {
          assertThat(again.deployment().contracts().get(name).address())
              .as(name)
              .isEqualTo(ledger.deployment().contracts().get(name).address());
        }
      }
      client.requireContracts();
      assertThat(client.policy().bandInfo(4).registered()).isFalse();
      assertThat(client.exchange().escrowOf(maker)).isZero();
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }
}

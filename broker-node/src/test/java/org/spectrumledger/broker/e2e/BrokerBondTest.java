package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * A broker whose bond is under the court's minimum clears nothing (the exchange would settle none
 * of it, and a receipt it signed could only be broken): crossing orders wait, and clear and settle
 * once the bond is posted again.
 */
@ExtendWith(DevChainExtension.class)
class BrokerBondTest {

  @Test
  void anUnbondedBrokerClearsNothingUntilItsBondIsBack(DevChain chain, @TempDir Path dir)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 30); // near-RT: clears as orders cross
    SigningKey seller = h.seller("Bond seller", 20_000);
    SigningKey buyer = h.buyer("Bond buyer", 100_000_000);
    try (LedgerClient asBroker = ledger.client(ledger.brokerKey())) {
      asBroker.court().requestBondWithdrawal(BigInteger.ONE);
      assertThat(asBroker.court().isBonded(ledger.brokerKey().address())).isFalse();
    }
    try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir))) {
      int port = broker.port();
      assertThat(h.submit(port, h.order(seller, Side.ASK, h.market, 2_000, 2_000_000, 1)).status())
          .isEqualTo(202);
      var bid = h.submit(port, h.order(buyer, Side.BID, h.market, 2_000, 2_500_000, 1));
      assertThat(bid.status()).isEqualTo(202);
      String hash = bid.body().path("orderHash").asText();
      Thread.sleep(1_500); // several epochs
      var open = h.getOrder(port, hash).body();
      assertThat(open.path("status").asText()).as("%s", open).isEqualTo("open");
      assertThat(open.path("fills")).isEmpty();

      ledger.admin().bondFromTreasury(ledger.brokerKey().address());
      BrokerEndToEndTest.awaitSettled(h, port, hash, 2_000);
    }
  }
}

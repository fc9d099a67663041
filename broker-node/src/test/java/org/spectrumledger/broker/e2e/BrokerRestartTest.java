package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderStatus;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * A broker restarted twice on one store: a filled order still reads filled, the book it left is
 * back, and every near-RT fill's signed receipt is a JSON object naming the fill's own clearing, an
 * id never given before (receipts must stay unique for the life of the deployment). An order that
 * crosses in full as it is booked is answered filled, and its receipt's deadline runs from the wall
 * clock when the chain has been idle.
 */
@ExtendWith(DevChainExtension.class)
class BrokerRestartTest {

  @Test
  void receiptsNameTheirOwnClearingAndIdsAreNeverReusedAcrossRestarts(
      DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 30); // 30 s slots: near-RT, receipts signed
    SigningKey seller = h.seller("Restart seller", 20_000);
    SigningKey buyer = h.buyer("Restart buyer", 100_000_000);
    BrokerConfig config = h.fastBroker(dir);
    OffChainMessages messages = new OffChainMessages(ledger.deployment().domain());
    List<Long> clearingIds = new ArrayList<>();

    String askHash;
    String firstBid;
    try (BrokerNode broker = BrokerNode.start(config)) {
      int port = broker.port();
      askHash = accepted(h.submit(port, h.order(seller, Side.ASK, h.market, 3_000, 2_000_000, 1)));
      firstBid = accepted(h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_500_000, 1)));
      BrokerEndToEndTest.awaitSettled(h, port, firstBid, 1_000);
      clearingIds.add(checkedFill(h, port, firstBid, ledger, messages).clearingId());
    }

    try (BrokerNode broker = BrokerNode.start(config)) {
      int port = broker.port();
      OrderView filled = order(h, port, firstBid);
      assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
      assertThat(order(h, port, askHash).status()).isEqualTo(OrderStatus.OPEN);
      String bid =
          accepted(h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_500_000, 2)));
      BrokerEndToEndTest.awaitSettled(h, port, bid, 1_000);
      clearingIds.add(checkedFill(h, port, bid, ledger, messages).clearingId());
    }

    try (BrokerNode broker = BrokerNode.start(config)) {
      int port = broker.port();
      // the chain idle for a while (no block since the last settlement): the receipt's deadline,
      // which the court holds the broker to by a block's time, still runs from now
      Thread.sleep(3_000);
      long submittedAt = System.currentTimeMillis() / 1000;
      BrokerHarness.Response third =
          h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_500_000, 3));
      String bid = accepted(third);
      // it crossed in full as it was booked, and the answer says so
      assertThat(third.body().path("status").asText()).as("%s", third.body()).isEqualTo("filled");
      assertThat(third.body().path("fills")).hasSize(1);
      BrokerEndToEndTest.awaitSettled(h, port, bid, 1_000);
      FillView fill = checkedFill(h, port, bid, ledger, messages);
      assertThat(fill.receipt().settleBy())
          .as("settle-by, against the wall clock at submission")
          .isGreaterThanOrEqualTo(submittedAt + config.settleBySeconds());
      clearingIds.add(fill.clearingId());
      assertThat(order(h, port, askHash).status()).isEqualTo(OrderStatus.FILLED);
      assertThat(order(h, port, askHash).fills())
          .extracting(FillView::clearingId)
          .containsExactlyInAnyOrderElementsOf(clearingIds);
    }

    assertThat(clearingIds).doesNotHaveDuplicates().isSorted();
  }

  private static String accepted(BrokerHarness.Response r) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    return r.body().path("orderHash").asText();
  }

  private static OrderView order(BrokerHarness h, int port, String hash) {
    BrokerHarness.Response r = h.getOrder(port, hash);
    assertThat(r.status()).isEqualTo(200);
    return WireJson.read(r.body().toString(), OrderView.class);
  }

  /**
   * The order's one fill, after checking its receipt: an object, signed by the broker, naming it.
   */
  private static FillView checkedFill(
      BrokerHarness h, int port, String hash, DevLedger ledger, OffChainMessages messages) {
    BrokerHarness.Response r = h.getOrder(port, hash);
    assertThat(r.body().path("fills").get(0).path("receipt").isObject())
        .as("the receipt is a JSON object, not a string: %s", r.body())
        .isTrue();
    FillView fill = order(h, port, hash).fills().get(0);
    assertThat(fill.receipt()).isNotNull();
    assertThat(fill.receipt().clearingId()).isEqualTo(fill.clearingId());
    assertThat(fill.receipt().orderHash()).isEqualTo(fill.orderHash());
    assertThat(fill.receipt().fillQuantity()).isEqualTo(fill.quantity());
    assertThat(messages.receiptSigner(fill.receipt().message(), fill.receipt().signatureValue()))
        .contains(ledger.brokerKey().address());
    return fill;
  }
}

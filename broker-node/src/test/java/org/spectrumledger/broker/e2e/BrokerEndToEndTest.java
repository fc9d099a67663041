package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.ledger.Lease;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * Broker + dev chain + three operators' signed orders over HTTP → cleared → settled on chain →
 * leases and balances read back through ledger-client.
 */
@ExtendWith(DevChainExtension.class)
class BrokerEndToEndTest {

  @Test
  void threeOperatorsOrdersAreClearedSettledAndReadBackFromTheChain(
      DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    SigningKey north = h.seller("North MNO", 20_000);
    SigningKey harbour = h.buyer("Harbour micro", 100_000_000);
    SigningKey campus = h.buyer("Campus local", 100_000_000);
    BigInteger harbourEscrow = ledger.admin().exchange().escrowOf(harbour.address());

    BrokerConfig config = h.fastBroker(dir);
    try (BrokerNode broker = BrokerNode.start(config)) {
      int port = broker.port();
      var ask = h.submit(port, h.order(north, Side.ASK, h.market, 9_000, 2_000_000, 1));
      var bid1 = h.submit(port, h.order(harbour, Side.BID, h.market, 6_000, 2_500_000, 1));
      var bid2 = h.submit(port, h.order(campus, Side.BID, h.market, 3_000, 2_400_000, 1));
      assertThat(List.of(ask, bid1, bid2))
          .allSatisfy(r -> assertThat(r.status()).as(r.body().toString()).isEqualTo(202));

      String bidHash = bid1.body().path("orderHash").asText();
      awaitSettled(h, port, bidHash, 6_000);
      awaitSettled(h, port, bid2.body().path("orderHash").asText(), 3_000);
      awaitSettled(h, port, ask.body().path("orderHash").asText(), 9_000);

      try (LedgerClient reader = ledger.client(ledger.adminKey())) {
        assertThat(reader.exchange().leaseBalance(harbour.address(), h.market)).isEqualTo(6_000);
        assertThat(reader.exchange().leaseBalance(campus.address(), h.market)).isEqualTo(3_000);
        assertThat(reader.exchange().holdings(north.address(), h.market)).isEqualTo(11_000);
        assertThat(reader.exchange().leases(campus.address()))
            .extracting(Lease::market)
            .containsExactly(h.market);
        var trades =
            h.get(port, "/v1/trades?maker=" + harbour.address().hex()).body().path("trades");
        assertThat(trades).hasSize(1);
        long price = trades.get(0).path("price").asLong();
        assertThat(price).isBetween(2_000_000L, 2_400_000L);
        assertThat(reader.exchange().escrowOf(harbour.address()))
            .isEqualTo(harbourEscrow.subtract(BigInteger.valueOf(6_000L * price / 1000)));
        // On a loaded machine the two bids may clear in different epochs, at different prices:
        // the seller is paid each of its fills at its own clearing's price.
        long proceeds = 0;
        for (var t :
            h.get(port, "/v1/trades?maker=" + north.address().hex()).body().path("trades")) {
          proceeds += t.path("quantity").asLong() * t.path("price").asLong() / 1000;
        }
        assertThat(reader.exchange().escrowOf(north.address()))
            .isEqualTo(BigInteger.valueOf(proceeds));
        String tx = trades.get(0).path("txHash").asText();
        var view = reader.decodeTransaction(org.spectrumledger.ledger.Bytes32.of(tx));
        assertThat(view.settlement().orElseThrow().fills()).isEqualTo(3);
      }
      var batches = h.get(port, "/v1/batches").body().path("batches");
      assertThat(batches).isNotEmpty();
      assertThat(batches.get(0).path("status").asText()).isEqualTo("settled");
      var metrics =
          h.http
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      var series = org.spectrumledger.broker.metrics.PrometheusText.parse(metrics);
      assertThat(series)
          .containsEntry("broker_orders_accepted_total", 3.0)
          .containsEntry("broker_trades_settled_total", 3.0);
      assertThat(series.get("broker_batch_gas_count")).isGreaterThanOrEqualTo(1.0);
      assertThat(series.get("broker_batch_gas_bucket{le=\"+Inf\"}"))
          .isEqualTo(series.get("broker_batch_gas_count"));
    }
  }

  /**
   * With a 5 % fee a bid's limit is all-in: the broker books it at the highest price whose price
   * plus fee it covers. A bid at 2.10 meets an ask at 2.00 (2.00 plus 5 % is 2.10); a bid at 2.09
   * does not. The buyer pays exactly its limit times the quantity, no more.
   */
  @Test
  void aBidsLimitCoversThePricePlusTheFee(DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    ledger.admin().exchange().setFee(500);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    SigningKey north = h.seller("North MNO fee", 20_000);
    SigningKey tight = h.buyer("Tight bidder", 100_000_000);
    SigningKey enough = h.buyer("Enough bidder", 100_000_000);
    BigInteger escrow = ledger.admin().exchange().escrowOf(enough.address());
    BrokerConfig config = h.fastBroker(dir);
    try (BrokerNode broker = BrokerNode.start(config)) {
      int port = broker.port();
      var ask = h.submit(port, h.order(north, Side.ASK, h.market, 4_000, 2_000_000, 1));
      var low = h.submit(port, h.order(tight, Side.BID, h.market, 2_000, 2_090_000, 1));
      assertThat(List.of(ask, low)).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
      Thread.sleep(1_000); // a few epochs: 2.09 all-in covers 1.990476…, below the ask
      assertThat(
              h.getOrder(port, low.body().path("orderHash").asText())
                  .body()
                  .path("matched")
                  .asLong())
          .isZero();

      var bid = h.submit(port, h.order(enough, Side.BID, h.market, 2_000, 2_100_000, 1));
      assertThat(bid.status()).isEqualTo(202);
      awaitSettled(h, port, bid.body().path("orderHash").asText(), 2_000);
      assertThat(ledger.admin().exchange().escrowOf(enough.address()))
          .as("paid 2.00 + 5 % = 2.10 a SRU, its limit, all-in")
          .isEqualTo(escrow.subtract(BigInteger.valueOf(2_000L * 2_100_000 / 1000)));
      assertThat(ledger.admin().exchange().escrowOf(north.address()))
          .isEqualTo(BigInteger.valueOf(2_000L * 2_000_000 / 1000));
    }
  }

  static void awaitSettled(BrokerHarness h, int port, String orderHash, long quantity)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      var order = h.getOrder(port, orderHash).body();
      if (order.path("settled").asLong() == quantity) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "order " + orderHash + " not settled: " + h.getOrder(port, orderHash).body());
  }
}

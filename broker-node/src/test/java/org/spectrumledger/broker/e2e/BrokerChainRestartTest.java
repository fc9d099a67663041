package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.broker.api.OrderSubmission;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * A dev chain stopped and started afresh on the same port under a running broker: its node answers,
 * but none of the deployment's contracts is there. The broker is not ready and refuses orders as it
 * does with its node away (503, nothing stored, send it again), not with a 500; once the same
 * deployment is back (the same key deploying in the same order: the same addresses), it is ready
 * and checks orders against the chain again.
 */
class BrokerChainRestartTest {

  @Test
  void aChainRestartedUnderTheBrokerIsNotReadyAndItsOrdersAre503UntilTheDeploymentIsBack(
      @TempDir Path dir) throws Exception {
    DevChainOptions options = DevChainOptions.defaults().withAccounts(3);
    AnvilChain chain = AnvilChain.start(options);
    AnvilChain fresh = null;
    try (DevLedger ledger = DevLedger.deploy(chain, 60)) {
      BrokerHarness h = new BrokerHarness(ledger, 3_600);
      SigningKey buyer = h.buyer("buyer", 10_000_000);
      try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir))) {
        ConformingAnswers answers = new ConformingAnswers();
        broker.watchAnswers(answers::answered);
        int port = broker.port();
        BrokerHarness.Response first =
            h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_000_000, 1));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
        assertThat(h.get(port, "/ready").status()).isEqualTo(200);

        chain.close();
        fresh = AnvilChain.start(options, URI.create(chain.rpcUrl()).getPort());
        // the broker asks its node at most once a second, and keeps a market's verdict 2 s
        Thread.sleep(2_100);

        BrokerHarness.Response notReady = h.get(port, "/ready");
        assertThat(notReady.status()).as(notReady.body().toString()).isEqualTo(503);
        assertThat(notReady.contentType()).isEqualTo("application/problem+json");
        assertThat(notReady.body().path("reason").asText()).isEqualTo("chain-unavailable");
        assertThat(notReady.body().path("detail").asText())
            .contains("contracts are not on the chain", "restarted chain")
            .doesNotContain(chain.rpcUrl(), "Exception");

        SignedOrder second = h.order(buyer, Side.BID, h.market, 1_000, 2_000_000, 2);
        BrokerHarness.Response refused = h.submit(port, second);
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().path("reason").asText()).isEqualTo("chain-unavailable");
        assertThat(refused.body().hasNonNull("errorId")).as("not a fault").isFalse();
        assertThat(refused.body().path("detail").asText())
            .contains("contracts are not on the chain", "nothing was stored", "again shortly")
            .doesNotContain(chain.rpcUrl(), "Exception", "Empty value");
        HttpResponse<String> raw =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                WireJson.write(OrderSubmission.of(second))))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(503);
        assertThat(raw.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(broker.store().nonceUsed(buyer.address(), 2)).as("nothing stored").isFalse();
        assertThat(broker.store().allOrders()).hasSize(1);

        try (DevLedger again = DevLedger.deploy(fresh, 60)) {
          assertThat(again.deployment().exchange()).isEqualTo(ledger.deployment().exchange());
          assertThat(again.deployment().policy()).isEqualTo(ledger.deployment().policy());
          Thread.sleep(1_100);

          BrokerHarness.Response ready = h.get(port, "/ready");
          assertThat(ready.status()).as(ready.body().toString()).isEqualTo(200);
          assertThat(ready.body().path("status").asText()).isEqualTo("ready");
          // the new chain knows neither the buyer nor the band: a refusal of the order itself
          BrokerHarness.Response checked =
              h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_000_000, 3));
          assertThat(checked.status()).as(checked.body().toString()).isIn(403, 409);
          assertThat(checked.body().path("reason").asText())
              .isIn("unknown-operator", "market-closed");
        }
        answers.assertAllConformed();
      }
    } finally {
      chain.close();
      if (fresh != null) {
        fresh.close();
      }
    }
  }
}

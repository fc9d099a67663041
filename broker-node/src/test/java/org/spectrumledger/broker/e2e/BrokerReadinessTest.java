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
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * {@code /health} says the process answers; {@code /ready} says whether the broker can take orders,
 * which it cannot while its chain node is away: what a load balancer in front of brokers needs.
 */
class BrokerReadinessTest {

  @Test
  void readyWhileTheChainAnswersAnd503WithRetryAfterOnceItIsGoneWhileHealthStaysUp(
      @TempDir Path dir) throws Exception {
    AnvilChain chain = AnvilChain.start(DevChainOptions.defaults().withAccounts(3));
    try (DevLedger ledger = DevLedger.deploy(chain, 60)) {
      BrokerHarness h = new BrokerHarness(ledger, 3_600);
      try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir))) {
        ConformingAnswers answers = new ConformingAnswers();
        broker.watchAnswers(answers::answered);
        int port = broker.port();
        BrokerHarness.Response ready = h.get(port, "/ready");
        assertThat(ready.status()).as(ready.body().toString()).isEqualTo(200);
        assertThat(ready.body().path("status").asText()).isEqualTo("ready");

        chain.close();
        Thread.sleep(1_100); // the broker asks its node at most once a second

        BrokerHarness.Response away = h.get(port, "/ready");
        assertThat(away.status()).as(away.body().toString()).isEqualTo(503);
        assertThat(away.contentType()).isEqualTo("application/problem+json");
        assertThat(away.body().path("reason").asText()).isEqualTo("chain-unavailable");
        assertThat(away.body().path("detail").asText())
            .contains("chain node does not answer")
            .doesNotContain(chain.rpcUrl(), "Exception");
        HttpResponse<String> raw =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(h.get(port, "/health").status()).as("alive all the same").isEqualTo(200);
        answers.assertAllConformed();
      }
    } finally {
      chain.close();
    }
  }
}

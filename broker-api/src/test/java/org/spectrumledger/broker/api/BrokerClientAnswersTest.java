package org.spectrumledger.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the client makes of an answer: the broker's problem is a refusal with its reason; anything
 * else at the URL (another server's 404, an empty body) is not the broker's API.
 */
class BrokerClientAnswersTest {

  /** A server answering every request with {@code status} and {@code body}, read first. */
  private static HttpServer answering(int status, String contentType, String body)
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", contentType);
          ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
          }
          ex.close();
        });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void anotherServersAnswerIsNotTheBrokersApi() throws Exception {
    for (String body : new String[] {"", "{\"jsonrpc\":\"2.0\",\"error\":\"no\"}", "<html/>"}) {
      HttpServer server = answering(404, "text/plain", body);
      try {
        assertThatThrownBy(() -> new BrokerClient(url(server)).info())
            .as("a 404 with %s", body)
            .isInstanceOf(BrokerClient.BrokerUnavailable.class)
            .hasMessageContaining(body.isEmpty() ? "with an empty body" : "not its API")
            .hasMessageContaining("is that the broker's URL?")
            .hasMessageNotContaining("send a JSON object");
      } finally {
        server.stop(0);
      }
    }
  }

  @Test
  void theBrokersProblemIsARefusalWithItsReason() throws Exception {
    Problem busy = Problem.of(503, "chain-unavailable", "the ledger node is away", "try later");
    HttpServer server = answering(503, "application/problem+json", WireJson.write(busy));
    try {
      assertThatThrownBy(() -> new BrokerClient(url(server)).info())
          .isInstanceOfSatisfying(
              BrokerClient.BrokerRefusal.class,
              r -> {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.reason()).isEqualTo("chain-unavailable");
              });
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aUrlWithoutItsSchemeIsRefusedInPlainWords() {
    assertThatThrownBy(() -> new BrokerClient("127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs http:// or https:// in front")
        .hasMessageNotContaining("index");
  }

  @Test
  void theAnswersStatusCountsWhenTheProblemSaysAnother() throws Exception {
    Problem said = Problem.of(400, "overloaded", "busy", "try later");
    HttpServer server = answering(503, "application/problem+json", WireJson.write(said));
    try {
      assertThatThrownBy(() -> new BrokerClient(url(server)).info())
          .isInstanceOfSatisfying(
              BrokerClient.BrokerRefusal.class, r -> assertThat(r.status()).isEqualTo(503));
    } finally {
      server.stop(0);
    }
  }
}

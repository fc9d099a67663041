package org.spectrumledger.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;

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

  private static final Address SOMEONE = Address.of("0x00000000000000000000000000000000000000aa");

  /** An info with lot 5, horizon 7 s, minimum validity 8 s and these rules. */
  private static BrokerInfo info(List<BookRule> rules) {
    return new BrokerInfo(
        2018, SOMEONE, SOMEONE, SOMEONE, SOMEONE, 1, 2, 3, 4, 5, 6, 7L, 8L, rules);
  }

  /** The info a client reads from a server that answers {@code body}. */
  private static BrokerInfo infoRead(String body) throws Exception {
    HttpServer server = answering(200, "application/json", body);
    try {
      return new BrokerClient(url(server)).info();
    } finally {
      server.stop(0);
    }
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
            .hasMessageNotContaining("send a JSON object")
            .matches(
                e -> ((BrokerClient.BrokerUnavailable) e).answeredNotAsTheBroker(),
                "answered, not as the broker");
      } finally {
        server.stop(0);
      }
    }
  }

  @Test
  void aBrokerThatDoesNotAnswerIsNotSaidToHaveAnsweredAsAnotherServer() throws Exception {
    String closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = "http://127.0.0.1:" + s.getLocalPort();
    }
    String url = closed;
    assertThatThrownBy(() -> new BrokerClient(url).info())
        .isInstanceOf(BrokerClient.BrokerUnavailable.class)
        .hasMessageContaining("unreachable")
        .matches(
            e -> !((BrokerClient.BrokerUnavailable) e).answeredNotAsTheBroker(),
            "not up, which is not a wrong URL");
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
    // checked as the chain node's URL is (HttpUrls): a scheme with nothing usable after it
    for (String[] bad :
        new String[][] {
          {"http://", "names no host"},
          {"http://localhost:notaport", "names no host"},
          {"http://127.0.0.1:99999", "has a port that is not 1 .. 65535"},
          {"ftp://127.0.0.1:8080", "needs http:// or https:// in front"}
        }) {
      assertThatThrownBy(() -> new BrokerClient(bad[0]))
          .as(bad[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad[0] + "' " + bad[1]);
    }
    org.assertj.core.api.Assertions.assertThat(
            new BrokerClient("http://127.0.0.1:8080").base().toString())
        .isEqualTo("http://127.0.0.1:8080/");
  }

  /**
   * A broker newer than this client may add fields to its answers (as /v1/info gained
   * horizonSeconds): the client reads the answer all the same, at any depth, while what the broker
   * itself reads stays strict.
   */
  @Test
  void anAnswerWithFieldsThisClientDoesNotKnowIsReadAllTheSame() throws Exception {
    BookRule rule = new BookRule(4, "0x7", true, 9, SOMEONE, "0x" + "00".repeat(65));
    BrokerInfo sent = info(List.of(rule));
    String newer =
        WireJson.write(sent)
            .replaceFirst("\\{", "{\"laterField\":{\"nested\":[1,2]},")
            .replace("\"sequence\"", "\"laterRuleField\":true,\"sequence\"");
    assertThat(newer).contains("laterField", "laterRuleField");
    assertThat(infoRead(newer)).isEqualTo(sent);
    assertThatThrownBy(() -> WireJson.read(newer, BrokerInfo.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown field \"later");

    // a problem's own extension members (RFC 9457) are skipped as well
    String problem =
        WireJson.write(Problem.of(409, "insufficient-escrow", "short", "deposit more"))
            .replaceFirst("\\{", "{\"shortBy\":\"1000\",");
    HttpServer refusing = answering(409, "application/problem+json", problem);
    try {
      assertThatThrownBy(() -> new BrokerClient(url(refusing)).info())
          .isInstanceOfSatisfying(
              BrokerClient.BrokerRefusal.class,
              r -> assertThat(r.reason()).isEqualTo("insufficient-escrow"));
    } finally {
      refusing.stop(0);
    }
  }

  /**
   * Skipping fields it does not know, a client still refuses a JSON object that is not the answer:
   * a field the answer must have is missing (here, what another service at the URL says).
   */
  @Test
  void aJsonObjectThatIsNotTheAnswerIsStillNotTheApi() throws Exception {
    assertThatThrownBy(() -> WireJson.readResponse("{\"message\":\"ok\"}", OrderAccepted.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the answer has no 'orderHash'");
    HttpServer other = answering(200, "application/json", "{\"message\":\"ok\"}");
    try {
      assertThatThrownBy(() -> new BrokerClient(url(other)).info())
          .isInstanceOf(BrokerClient.BrokerUnavailable.class)
          .hasMessageContaining("a body that is not its API");
    } finally {
      other.stop(0);
    }
  }

  /**
   * A broker older than horizonSeconds and minValiditySeconds does not give them: its info is read,
   * with those null, for a client to skip the checks they serve.
   */
  @Test
  void anOlderBrokersInfoWithoutItsLaterFieldsIsRead() throws Exception {
    String older =
        WireJson.write(info(List.of()))
            .replace("\"horizonSeconds\":\"7\",", "")
            .replace("\"minValiditySeconds\":\"8\",", "");
    assertThat(older).doesNotContain("horizonSeconds", "minValiditySeconds");
    BrokerInfo read = infoRead(older);
    assertThat(read.horizonSeconds()).isNull();
    assertThat(read.minValiditySeconds()).isNull();
    assertThat(read.lotSize()).isEqualTo(5);
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

package org.spectrumledger.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.BrokerApi;
import org.spectrumledger.broker.api.DepthLevel;
import org.spectrumledger.broker.api.DepthView;
import org.spectrumledger.broker.api.OpenApiCheck;
import org.spectrumledger.broker.api.Timescale;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.ledger.MarketKey;

/**
 * The HTTP adapter over a broker that is only a stand-in: what a path reaches, and what a fault in
 * the broker becomes. No chain, no store.
 */
class HttpApiRoutingTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A broker whose every method fails unless {@code answer} answers it. */
  private static BrokerApi broker(InvocationHandler answer) {
    return (BrokerApi)
        Proxy.newProxyInstance(
            BrokerApi.class.getClassLoader(),
            new Class<?>[] {BrokerApi.class},
            (proxy, method, args) -> {
              Object out = answer.invoke(proxy, method, args);
              if (out != null) {
                return out;
              }
              if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
              }
              throw new IllegalStateException("stand-in broker: " + method.getName() + " failed");
            });
  }

  private static HttpResponse<String> get(HttpApi api, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    OpenApiCheck.assertConforms(
        "GET",
        rawPath,
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.body());
    return r;
  }

  @Test
  void aFaultInTheBrokerIsA500WhoseErrorIdTheLogNames() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    HttpResponse<String> r;
    try (HttpApi api = new HttpApi(broker((p, m, a) -> null), "127.0.0.1", 0).start()) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        r = get(api, "/v1/markets");
      } finally {
        System.setErr(err);
      }
    }
    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode problem = WireJson.MAPPER.readTree(r.body());
    String id = problem.path("errorId").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(problem.path("detail").asText()).contains(id);
    // the client is told that it failed and where to look, not how
    assertThat(r.body()).doesNotContain("stand-in broker", "IllegalStateException", "java.");
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("error " + id, "GET /v1/markets failed", "stand-in broker");
  }

  @Test
  void aLitMarketsDepthIsServedOnTheDocumentedPathAndEncodedAlike() throws Exception {
    MarketKey market = new MarketKey(4, 7, 3_600, 7_200);
    AtomicReference<MarketKey> asked = new AtomicReference<>();
    AtomicReference<Integer> levels = new AtomicReference<>();
    BrokerApi b =
        broker(
            (p, m, a) -> {
              if (!m.getName().equals("depth")) {
                return null;
              }
              asked.set((MarketKey) a[0]);
              levels.set((Integer) a[1]);
              return Optional.of(
                  new DepthView(
                      (MarketKey) a[0],
                      Timescale.NEAR_RT,
                      List.of(new DepthLevel(1_000, 2_000, 1)),
                      List.of(),
                      null));
            });
    try (HttpApi api = new HttpApi(b, "127.0.0.1", 0).start()) {
      HttpResponse<String> plain = get(api, "/v1/markets/4/7/3600-7200/depth?levels=3");
      assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
      assertThat(asked.get()).isEqualTo(market);
      assertThat(levels.get()).isEqualTo(3);
      DepthView view = WireJson.read(plain.body(), DepthView.class);
      assertThat(view.market()).isEqualTo(market);
      assertThat(view.bids()).containsExactly(new DepthLevel(1_000, 2_000, 1));

      asked.set(null);
      HttpResponse<String> encoded = get(api, "/v1/markets/4%2F7%2F3600-7200/depth");
      assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
      assertThat(asked.get()).isEqualTo(market);
      assertThat(levels.get()).isEqualTo(10);
      assertThat(encoded.body()).isEqualTo(plain.body());
    }
  }

  @Test
  void aSealedBookIsA403AndNotAFault() throws Exception {
    BrokerApi b = broker((p, m, a) -> m.getName().equals("depth") ? Optional.empty() : null);
    try (HttpApi api = new HttpApi(b, "127.0.0.1", 0).start()) {
      HttpResponse<String> r = get(api, "/v1/markets/4/7/3600-7200/depth");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(WireJson.MAPPER.readTree(r.body()).hasNonNull("errorId")).as("a fault").isFalse();
    }
  }
}

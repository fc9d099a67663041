package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.CancelSubmission;
import org.spectrumledger.broker.api.RequestAuthorization;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * T11 attacked through every endpoint: a competitor (or anyone who reaches the broker) tries to
 * learn a sealed non-RT book or another operator's orders, fills and receipts, and is answered 401,
 * 403 or 404 with nothing of them; the public answers are the same byte for byte whatever the
 * sealed book holds; after the auction clears its result is public; only the regulator lights a
 * near-RT book.
 */
@ExtendWith(DevChainExtension.class)
class SealedBookTest {

  /** Every public read, and the explorer's, whose answer must not depend on a sealed book. */
  private static List<String> publicPaths(MarketKey m) {
    String key = URLEncoder.encode(m.toString(), StandardCharsets.UTF_8);
    return List.of(
        "/v1/markets",
        "/v1/info",
        "/v1/batches",
        "/v1/trades",
        "/v1/trades?market=" + key,
        "/v1/markets/" + key + "/depth",
        "/v1/markets/" + key + "/depth?levels=1000",
        "/v1/markets/"
            + m.band()
            + "/"
            + new CellId(m.cell())
            + "/"
            + m.slotStart()
            + "-"
            + m.slotEnd()
            + "/depth",
        "/explorer/api/market/" + key);
  }

  private static Map<String, String> snapshot(BrokerHarness h, int port, MarketKey m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String path : publicPaths(m)) {
      var r = h.get(port, path);
      out.put(path, r.status() + " " + r.body());
    }
    return out;
  }

  private static void assertProblem(BrokerHarness.Response r, int status, String reason) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().path("reason").asText()).isEqualTo(reason);
  }

  @Test
  void aCompetitorLearnsNothingOfASealedBookNorOfAnotherOperatorsOrdersAndFills(
      DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600); // hour slots: a non-RT auction
    SigningKey seller = h.seller("Sealed seller", 20_000);
    SigningKey victim = h.buyer("Victim", 100_000_000);
    SigningKey rival = h.buyer("Rival", 100_000_000);
    try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir))) {
      int port = broker.port();
      Map<String, String> empty = snapshot(h, port, h.market);

      // the victim's bid and the seller's ask rest in the book without crossing
      var bid = h.submit(port, h.order(victim, Side.BID, h.market, 3_000, 2_100_000, 1));
      var ask = h.submit(port, h.order(seller, Side.ASK, h.market, 5_000, 2_600_000, 1));
      assertThat(List.of(bid, ask)).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
      String bidHash = bid.body().path("orderHash").asText();
      Thread.sleep(1_000); // several non-RT epochs run over the book

      // every public answer reads as it did over an empty book
      assertThat(snapshot(h, port, h.market)).isEqualTo(empty);
      String key = URLEncoder.encode(h.market.toString(), StandardCharsets.UTF_8);
      assertProblem(h.get(port, "/v1/markets/" + key + "/depth"), 403, "book-sealed");
      JsonNode explorer = h.get(port, "/explorer/api/market/" + key).body();
      assertThat(explorer.path("lit").asBoolean()).isFalse();
      assertThat(explorer.path("depth").isNull()).isTrue();
      assertThat(h.get(port, "/v1/markets").body().path("markets")).isEmpty();

      // its orders: nobody without the victim's key
      String list = "/v1/orders?maker=" + victim.address().hex();
      assertProblem(h.get(port, list), 401, "unauthenticated");
      assertProblem(h.get(port, list, rival), 403, "forbidden");
      assertProblem(h.get(port, "/v1/orders/" + bidHash), 401, "unauthenticated");
      var asRival = h.get(port, "/v1/orders/" + bidHash, rival);
      var unknown = h.get(port, "/v1/orders/0x" + "ab".repeat(32), rival);
      assertProblem(asRival, 404, "unknown-order");
      assertThat(asRival.body().toString().replace(bidHash, "HASH"))
          .as("another maker's order reads exactly as one that does not exist")
          .isEqualTo(unknown.body().toString().replace("0x" + "ab".repeat(32), "HASH"));
      assertThat(asRival.body().toString()).doesNotContain("2100000").doesNotContain("3000");

      // a signature that is not the victim's, a captured one replayed or used elsewhere
      RequestAuthorization rivals = h.authorization(rival, "GET", list);
      String forged =
          new RequestAuthorization(
                  victim.address(), rivals.expiresAt(), rivals.nonce(), rivals.signature())
              .header();
      assertProblem(h.get(port, list, forged), 401, "auth-bad-signature");
      String captured = h.authorization(victim, "GET", list).header();
      assertThat(h.get(port, list, captured).status()).isEqualTo(200);
      assertProblem(h.get(port, list, captured), 401, "auth-replayed");
      String capturedAgain = h.authorization(victim, "GET", list).header();
      assertProblem(h.get(port, list + "&limit=1000", capturedAgain), 401, "auth-bad-signature");
      assertProblem(h.get(port, "/v1/orders/" + bidHash, capturedAgain), 401, "auth-bad-signature");
      var stale =
          signedUntil(h, ledger, victim, "GET", list, System.currentTimeMillis() / 1000 - 1);
      assertProblem(h.get(port, list, stale), 401, "auth-expired");
      var tooLong =
          signedUntil(h, ledger, victim, "GET", list, System.currentTimeMillis() / 1000 + 3_600);
      assertProblem(h.get(port, list, tooLong), 401, "auth-too-long");
      assertProblem(h.get(port, list, "Bearer secret"), 401, "auth-malformed");

      // a cancel must be the maker's: a rival's signature learns nothing of the order
      OffChainMessages messages = new OffChainMessages(ledger.deployment().domain());
      var cancel =
          h.post(
              port,
              "/v1/cancels",
              WireJson.write(
                  CancelSubmission.of(victim.address(), 1, messages.signCancel(rival, 1))));
      assertProblem(cancel, 400, "bad-signature");

      // its fill stream: nobody without its key
      String fills = "/v1/operators/" + victim.address().hex() + "/fills";
      assertProblem(h.get(port, fills), 401, "unauthenticated");
      assertProblem(h.get(port, fills, rival), 403, "forbidden");

      // the victim sees its own
      var own = h.get(port, list, victim);
      assertThat(own.status()).isEqualTo(200);
      assertThat(own.body().path("orders").get(0).path("orderHash").asText()).isEqualTo(bidHash);
      assertThat(h.getOrder(port, bidHash).body().path("limitPrice").asText()).isEqualTo("2100000");
      try (var stream = openStream(h, port, fills, victim)) {
        assertThat(stream.status).isEqualTo(200);
        assertThat(stream.reader.readLine()).startsWith(": subscribed to");
      }

      // the auction clears: its result (price, volume, fills) is public, its book still is not
      var cross = h.submit(port, h.order(rival, Side.BID, h.market, 5_000, 2_700_000, 1));
      assertThat(cross.status()).isEqualTo(202);
      BrokerEndToEndTest.awaitSettled(h, port, cross.body().path("orderHash").asText(), 5_000);
      JsonNode markets = h.get(port, "/v1/markets").body().path("markets");
      assertThat(markets).hasSize(1);
      JsonNode m = markets.get(0);
      assertThat(m.path("lit").asBoolean()).isFalse();
      assertThat(m.path("lastPrice").isTextual()).isTrue();
      assertThat(m.path("openOrders").isNull()).isTrue();
      assertThat(m.path("bestBid").isNull()).isTrue();
      assertThat(m.path("bestAsk").isNull()).isTrue();
      assertProblem(h.get(port, "/v1/markets/" + key + "/depth"), 403, "book-sealed");
      assertThat(h.get(port, "/v1/trades?market=" + key).body().path("trades")).hasSize(2);
      JsonNode batches = h.get(port, "/v1/batches").body().path("batches");
      assertThat(batches).isNotEmpty();
      // the victim's bid at 2.1 is below the price: still open, still only its own
      assertThat(h.getOrder(port, bidHash).body().path("status").asText()).isEqualTo("open");
      assertProblem(h.get(port, "/v1/orders/" + bidHash, rival), 404, "unknown-order");
    }
  }

  @Test
  void nearRtFillReceiptsAreOnlyTheirMakersAndOnlyTheRegulatorLightsABook(
      DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 30); // 30 s slots: near-RT, receipts signed
    SigningKey seller = h.seller("Near-RT seller", 20_000);
    SigningKey buyer = h.buyer("Near-RT buyer", 100_000_000);
    SigningKey rival = h.buyer("Near-RT rival", 100_000_000);
    SigningKey regulator = ledger.adminKey();
    assertThat(ledger.admin().policy().hasRole(Role.REGULATOR, regulator.address())).isTrue();
    MarketKey hourly =
        new MarketKey(
            h.market.band(), h.market.cell(), h.market.slotStart(), h.market.slotStart() + 3_600);
    try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir))) {
      int port = broker.port();
      String key = URLEncoder.encode(h.market.toString(), StandardCharsets.UTF_8);
      String hourlyKey = URLEncoder.encode(hourly.toString(), StandardCharsets.UTF_8);

      // near-RT books are sealed too until the regulator says otherwise
      h.submit(port, h.order(seller, Side.ASK, h.market, 3_000, 2_600_000, 1));
      assertProblem(h.get(port, "/v1/markets/" + key + "/depth"), 403, "book-sealed");

      // a fill's receipt: in its maker's order and stream, never in the public batch views
      var bid = h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_700_000, 1));
      String bidHash = bid.body().path("orderHash").asText();
      assertThat(bid.body().path("fills").get(0).path("receipt").isObject()).isTrue();
      BrokerEndToEndTest.awaitSettled(h, port, bidHash, 1_000);
      assertThat(h.getOrder(port, bidHash).body().path("fills").get(0).path("receipt").isObject())
          .isTrue();
      long batchId = h.getOrder(port, bidHash).body().path("fills").get(0).path("batchId").asLong();
      JsonNode batch = h.get(port, "/v1/batches/" + batchId).body();
      assertThat(batch.path("clearings").findValues("receipt"))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.isNull()).isTrue());
      assertThat(h.get(port, "/explorer/api/batch/" + batchId).body().findValues("receipt"))
          .allSatisfy(r -> assertThat(r.isNull()).isTrue());
      assertProblem(h.get(port, "/v1/orders/" + bidHash, rival), 404, "unknown-order");

      // an operator cannot light a book, nor can a rule signed by another key
      BrokerClient client = new BrokerClient("http://127.0.0.1:" + port);
      OffChainMessages messages = new OffChainMessages(ledger.deployment().domain());
      var byOperator =
          BookRule.sign(
              messages,
              rival,
              new OffChainMessages.BookRule(h.market.band(), CellId.ALL_CELLS, true, 1));
      assertProblem(
          h.post(port, "/v1/rules/books", WireJson.write(byOperator)), 403, "not-regulator");
      var forged =
          new BookRule(
              byOperator.band(), "all", true, 1, regulator.address(), byOperator.signature());
      assertProblem(h.post(port, "/v1/rules/books", WireJson.write(forged)), 400, "bad-signature");
      assertProblem(h.get(port, "/v1/markets/" + key + "/depth"), 403, "book-sealed");

      // the regulator lights the band's near-RT books: shown in /v1/info, with the signature
      var rules = client.setBookRule(regulator, h.market.band(), CellId.ALL_CELLS, true);
      assertThat(rules.rules()).hasSize(1);
      JsonNode info = h.get(port, "/v1/info").body();
      assertThat(info.path("bookRules").get(0).path("regulator").asText())
          .isEqualToIgnoringCase(regulator.address().hex());
      var depth = h.get(port, "/v1/markets/" + key + "/depth");
      assertThat(depth.status()).isEqualTo(200);
      assertThat(depth.body().path("asks").get(0).path("quantity").asText()).isEqualTo("2000");
      assertThat(h.get(port, "/explorer/api/market/" + key).body().path("lit").asBoolean())
          .isTrue();
      JsonNode listed = h.get(port, "/v1/markets").body().path("markets").get(0);
      assertThat(listed.path("lit").asBoolean()).isTrue();
      assertThat(listed.path("openOrders").asInt()).isEqualTo(1);
      // ...but never a non-RT auction
      assertProblem(h.get(port, "/v1/markets/" + hourlyKey + "/depth"), 403, "book-sealed");

      // an old rule cannot be replayed; a later one seals the book again
      var first = WireJson.read(info.path("bookRules").get(0).toString(), BookRule.class);
      assertProblem(h.post(port, "/v1/rules/books", WireJson.write(first)), 409, "stale-rule");
      client.setBookRule(regulator, h.market.band(), new CellId(h.market.cell()), false);
      assertProblem(h.get(port, "/v1/markets/" + key + "/depth"), 403, "book-sealed");
    }
  }

  @Test
  void aFillStreamEndsWhenTheRequestThatOpenedItExpires(DevChain chain, @TempDir Path dir)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    SigningKey buyer = h.buyer("Streamer", 1_000_000);
    try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir))) {
      int port = broker.port();
      String fills = "/v1/operators/" + buyer.address().hex() + "/fills";
      String shortLived =
          signedUntil(h, ledger, buyer, "GET", fills, System.currentTimeMillis() / 1000 + 2);
      long t0 = System.nanoTime();
      try (var stream = openStream(h, port, fills, shortLived)) {
        assertThat(stream.status).isEqualTo(200);
        String line;
        StringBuilder all = new StringBuilder();
        while ((line = stream.reader.readLine()) != null) {
          all.append(line).append('\n');
        }
        assertThat(all.toString()).contains("expired");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void metricsWhoseCountsWouldTellOfSealedBooksAreForTheBrokersHostOnly(
      DevChain chain, @TempDir Path dir) throws Exception {
    java.net.InetAddress outside = null;
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      for (var a : java.util.Collections.list(nic.getInetAddresses())) {
        if (nic.isUp() && a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
          outside = a;
        }
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        outside != null, "this host has no address but loopback");
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    try (BrokerNode broker = BrokerNode.start(h.fastBroker(dir).withHost("0.0.0.0"))) {
      int port = broker.port();
      assertThat(h.get(port, "/metrics").status()).isEqualTo(200);
      HttpResponse<String> remote =
          h.http.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + outside.getHostAddress() + ":" + port + "/metrics"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(remote.statusCode()).isEqualTo(403);
      assertThat(remote.body()).contains("metrics-local-only").doesNotContain("broker_open_orders");
      org.spectrumledger.broker.api.OpenApiCheck.assertConforms(
          "GET",
          "/metrics",
          remote.statusCode(),
          remote.headers().firstValue("Content-Type").orElse(""),
          remote.body());
    }
  }

  /** A header for {@code method target} signed by {@code key}, expiring at {@code expires}. */
  private static String signedUntil(
      BrokerHarness h,
      DevLedger ledger,
      SigningKey key,
      String method,
      String target,
      long expires) {
    OffChainMessages messages = new OffChainMessages(ledger.deployment().domain());
    long nonce = System.nanoTime();
    var message =
        new OffChainMessages.Request(
            key.address(), ledger.brokerKey().address(), method, target, expires, nonce);
    return new RequestAuthorization(
            key.address(), expires, nonce, messages.signRequest(key, message))
        .header();
  }

  private record Stream(int status, BufferedReader reader, InputStream body)
      implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
      body.close();
    }
  }

  private static Stream openStream(BrokerHarness h, int port, String path, SigningKey as)
      throws Exception {
    return openStream(h, port, path, h.authorization(as, "GET", path).header());
  }

  private static Stream openStream(BrokerHarness h, int port, String path, String authorization)
      throws Exception {
    HttpResponse<InputStream> r =
        h.http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    return new Stream(
        r.statusCode(),
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)),
        r.body());
  }
}

package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.broker.api.OrderSubmission;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.intake.IntakeSettings;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderSigner;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/** Bad input gets a 4xx problem with a reason, never a 5xx; a fuzz of 10,000 requests included. */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerBadInputTest {

  /** This broker's horizon: 30 days, not the default year, so /v1/info is seen to say its own. */
  private static final long HORIZON_SECONDS = 30 * 86_400L;

  /**
   * This broker's minimum validity at intake: a minute, not the default 2 s, for the same reason.
   */
  private static final long MIN_VALIDITY_SECONDS = 60;

  private DevLedger ledger;
  private BrokerHarness h;
  private BrokerNode broker;
  private int port;
  private SigningKey seller;
  private SigningKey buyer;
  // every answer of the class's tests, raw clients' included, held to the OpenAPI document
  private final ConformingAnswers answers = new ConformingAnswers();

  @BeforeAll
  void start(DevChain chain, @TempDir Path dir) throws Exception {
    ledger = DevLedger.deploy(chain, 60);
    h = new BrokerHarness(ledger, 3_600);
    seller = h.seller("Seller", 10_000);
    buyer = h.buyer("Buyer", 10_000_000);
    broker =
        BrokerNode.start(
            BrokerConfig.defaults(
                    chain.rpcUrl(),
                    ledger.deployment(),
                    ledger.brokerKey(),
                    BrokerStore.defaultUrl(dir))
                .withPort(0)
                .withFees(GasFees.free())
                .withIntake(
                    new IntakeSettings(
                        IntakeSettings.defaults().lotSize(),
                        IntakeSettings.defaults().tickSize(),
                        MIN_VALIDITY_SECONDS,
                        HORIZON_SECONDS))
                .withEpochs(
                    Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30)));
    port = broker.port();
    broker.watchAnswers(answers::answered);
  }

  @AfterAll
  void stop() {
    try {
      answers.assertAllConformed();
    } finally {
      broker.close();
      ledger.close();
    }
  }

  private void assertProblem(BrokerHarness.Response r, int status, String reason) {
    assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.body().path("reason").asText()).isEqualTo(reason);
    assertThat(r.body().path("detail").asText())
        .isNotBlank()
        .as("a plain sentence, no Java or Jackson names")
        .doesNotContain("java.", "com.fasterxml", "Jackson", "`", "Exception");
  }

  /**
   * A hurried user's typo in a market's band (one never registered) is said to be no market at all,
   * not "sealed"; a market of a registered band stays sealed, whatever its book.
   */
  @Test
  void theDepthOfAMarketOfAnUnregisteredBandIs404NotSealed() {
    MarketKey m = h.market;
    MarketKey noBand = new MarketKey(99, m.cell(), m.slotStart(), m.slotEnd());
    BrokerHarness.Response r =
        h.get(port, "/v1/markets/" + noBand.toString().replace("/", "%2F") + "/depth");
    assertProblem(r, 404, "unknown-market");
    assertThat(r.body().path("detail").asText()).contains("band 99 is not registered");
    assertProblem(
        h.get(port, "/v1/markets/" + m.toString().replace("/", "%2F") + "/depth"),
        403,
        "book-sealed");
  }

  @Test
  void malformedJsonWrongTypesAndMissingFieldsAre400() {
    assertProblem(h.post(port, "/v1/orders", "{not json"), 400, "malformed");
    String valid =
        WireJson.write(
            OrderSubmission.of(h.order(buyer, Side.BID, h.market, 1_000, 2_000_000, 900)));
    assertProblem(
        h.post(port, "/v1/orders", valid.replace("\"quantity\":\"1000\"", "\"quantity\":1000.5")),
        400,
        "malformed");
    assertProblem(
        h.post(port, "/v1/orders", valid.replace("\"quantity\":\"1000\"", "\"quantity\":\"1e3\"")),
        400,
        "malformed");
    assertProblem(
        h.post(port, "/v1/orders", valid.replace("\"side\":\"bid\"", "\"side\":\"buy\"")),
        400,
        "malformed");
    assertProblem(
        h.post(port, "/v1/orders", valid.replace("\"nonce\":\"900\",", "")), 400, "malformed");
    // a request is read strictly (a client reading the broker's answers skips a field it does not
    // know; the broker does not skip one in what it is sent)
    var extra = h.post(port, "/v1/orders", valid.replace("{", "{\"extra\":1,"));
    assertProblem(extra, 400, "malformed");
    assertThat(extra.body().path("detail").asText()).isEqualTo("unknown field \"extra\"");
    assertProblem(h.post(port, "/v1/orders", "[]"), 400, "malformed");
    assertProblem(h.post(port, "/v1/orders", ""), 400, "malformed");
    assertProblem(h.post(port, "/v1/orders", valid + "garbage"), 400, "malformed");
    var nullBody = h.post(port, "/v1/orders", "null");
    assertProblem(nullBody, 400, "malformed");
    assertThat(nullBody.body().path("detail").asText())
        .isEqualTo("the body is null; send a JSON object");
    assertProblem(h.post(port, "/v1/cancels", "null"), 400, "malformed");
    var wrongType =
        h.post(port, "/v1/orders", valid.replaceFirst("\"band\":\"\\d+\"", "\"band\":\"four\""));
    assertProblem(wrongType, 400, "malformed");
    assertThat(wrongType.body().path("detail").asText())
        .isEqualTo(
            "field \"band\": needs an integer (a JSON number or a decimal string); 'four' is not"
                + " one");
    assertThat(valid).contains("\"quantity\":\"1000\"").contains("\"nonce\":\"900\"");
  }

  /**
   * A hurried user's curl -d sends a form: a body that is not sent as JSON is refused 415, with the
   * header to add, whatever the body holds, and nothing of it is taken.
   */
  @Test
  void aBodyNotSentAsJsonIs415NamingTheContentTypeToSend() {
    SigningKey maker = h.buyer("Curl", 10_000_000);
    String order =
        WireJson.write(OrderSubmission.of(h.order(maker, Side.BID, h.market, 1_000, 1_000_000, 1)));
    for (String type :
        new String[] {
          "text/plain", "application/x-www-form-urlencoded", "application/jsonx", null
        }) {
      BrokerHarness.Response r = h.post(port, "/v1/orders", order, type);
      assertProblem(r, 415, "unsupported-media-type");
      assertThat(r.body().path("detail").asText())
          .as(String.valueOf(type))
          .contains(type == null ? "no Content-Type" : "'" + type + "'")
          .contains("Content-Type: application/json")
          .contains("-H 'Content-Type: application/json'");
    }
    // the cancel and the regulator's rule are JSON bodies too
    assertProblem(h.post(port, "/v1/cancels", "{}", "text/plain"), 415, "unsupported-media-type");
    assertProblem(
        h.post(port, "/v1/rules/books", "{}", "multipart/form-data; boundary=x"),
        415,
        "unsupported-media-type");
    // none of the refused ones was taken: the same order sent as JSON (any case, with a charset)
    // is accepted, not a duplicate
    assertThat(h.post(port, "/v1/orders", order, "Application/JSON; charset=utf-8").status())
        .isEqualTo(202);
  }

  /** The horizon intake applies is in /v1/info, in seconds like nearRtMaxSlotSeconds. */
  @Test
  void theInfoTellsTheHorizonThatIntakeApplies() {
    JsonNode info = h.get(port, "/v1/info").body();
    assertThat(info.path("horizonSeconds").asText()).isEqualTo(Long.toString(HORIZON_SECONDS));

    long validUntil = System.currentTimeMillis() / 1000 + HORIZON_SECONDS + 3_600;
    BrokerHarness.Response r = bidValidUntil(8, validUntil);
    assertProblem(r, 400, "too-far-ahead");
    assertThat(r.body().path("detail").asText())
        .contains("validUntil " + validUntil)
        .contains("more than 30 days after now");
  }

  /** A bid of the buyer's in the harness's market, valid until {@code validUntil}, sent. */
  private BrokerHarness.Response bidValidUntil(long nonce, long validUntil) {
    Order o =
        new Order(buyer.address(), Side.BID, h.market, 1_000, 2_000_000, nonce, validUntil, true);
    return h.submit(port, ledger.admin().exchange().orderSigner().sign(o, buyer));
  }

  /** The least validity intake asks of an order is in /v1/info too, next to the horizon. */
  @Test
  void theInfoTellsTheMinimumValidityThatIntakeApplies() {
    JsonNode info = h.get(port, "/v1/info").body();
    assertThat(info.path("minValiditySeconds").asText())
        .isEqualTo(Long.toString(MIN_VALIDITY_SECONDS));

    BrokerHarness.Response r =
        bidValidUntil(9, System.currentTimeMillis() / 1000 + MIN_VALIDITY_SECONDS / 2);
    assertProblem(r, 400, "expired");
    assertThat(r.body().path("detail").asText())
        .contains("it must stay valid at least " + MIN_VALIDITY_SECONDS + " s past");
  }

  /**
   * Three hundred operators on kept-alive connections at once: every request is answered (200, or
   * 503 with Retry-After when the broker is saturated), none has its connection closed unanswered.
   */
  @Test
  void threeHundredConcurrentKeepAliveClientsAreAllAnswered() throws Exception {
    int clients = 300;
    int requestsEach = 20;
    java.util.concurrent.atomic.AtomicInteger answered =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger busy =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                    try {
                      start.await();
                      for (int i = 0; i < requestsEach; i++) {
                        var res =
                            client.send(
                                java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                            "http://127.0.0.1:" + port + "/v1/info"))
                                    .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() == 200) {
                          answered.incrementAndGet();
                        } else if (res.statusCode() == 503
                            && res.headers().firstValue("Retry-After").isPresent()) {
                          busy.incrementAndGet();
                        } else {
                          failures.add(new AssertionError("answered " + res.statusCode()));
                        }
                      }
                    } catch (Exception e) {
                      failures.add(e);
                    } finally {
                      client.close();
                    }
                  }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join(java.time.Duration.ofSeconds(120));
    }
    assertThat(failures).as("requests left unanswered or wrongly answered").isEmpty();
    assertThat(answered.get() + busy.get()).isEqualTo(clients * requestsEach);
  }

  @Test
  void clientsThatNeverFinishTheirBodiesDoNotKeepOthersOut() throws Exception {
    // more unfinished bodies than the broker serves requests at once (512)
    java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 540; i++) {
        slow.add(unfinishedOrderPost());
      }
      Thread.sleep(300);
      long t0 = System.nanoTime();
      assertThat(h.get(port, "/health").status()).isEqualTo(200);
      assertThat(h.get(port, "/v1/info").status()).isEqualTo(200);
      assertThat(h.get(port, "/v1/markets").status()).isEqualTo(200);
      assertThat((System.nanoTime() - t0) / 1_000_000)
          .as("ms for three requests, not the 2 s wait for a place")
          .isLessThan(1_500);
    } finally {
      for (var socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    // the sender is still writing when the answer is ready: the body is read to its end first,
    // so every sender reads its 413 (one in a few hundred got a reset when it was not)
    for (int size : new int[] {16_385, 40_000, 200_000, 900_000}) {
      String huge = "{\"maker\":\"" + "a".repeat(size) + "\"}";
      for (int i = 0; i < 10; i++) {
        assertProblem(h.post(port, "/v1/orders", huge), 413, "body-too-large");
      }
    }
    // and the connection it came on still serves the next request
    assertProblem(h.post(port, "/v1/orders", "{not json"), 400, "malformed");

    // a sender that asks first ("Expect: 100-continue") is refused before it sends the body
    var client = java.net.http.HttpClient.newHttpClient();
    var answer =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/v1/orders"))
                .expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"maker\":\"" + "a".repeat(500_000) + "\"}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("body-too-large");
  }

  @Test
  void aClientThatHangsUpInTheMiddleOfItsBodyLeavesNoStackTraceInTheLog() throws Exception {
    java.io.PrintStream err = System.err;
    var log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 5; i++) {
        try (var socket = unfinishedOrderPost()) {
          Thread.sleep(50);
        }
      }
      Thread.sleep(500);
      // and the broker serves the next request as before
      assertProblem(h.post(port, "/v1/orders", "{not json"), 400, "malformed");
    } finally {
      System.setErr(err);
    }
    assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("a client gone is no error of the broker's")
        .doesNotContain("WARN", "ERROR", "Exception");
  }

  @Test
  void badReplayedAndForeignSignaturesAreRefused() {
    SignedOrder good = h.order(buyer, Side.BID, h.market, 1_000, 2_000_000, 1);
    String body = WireJson.write(OrderSubmission.of(good));
    // one flipped byte in r
    String sig = good.signature().toHex();
    String flipped = sig.substring(0, 10) + (sig.charAt(10) == '0' ? '1' : '0') + sig.substring(11);
    assertProblem(h.post(port, "/v1/orders", body.replace(sig, flipped)), 400, "bad-signature");

    assertThat(h.post(port, "/v1/orders", body).status()).isEqualTo(202);
    assertProblem(h.post(port, "/v1/orders", body), 409, "duplicate");

    Eip712Domain other = Eip712Domain.exchange(1, ledger.deployment().exchange());
    Order o =
        new Order(
            buyer.address(), Side.BID, h.market, 1_000, 2_000_000, 2, h.market.slotStart(), true);
    SignedOrder foreign = new OrderSigner(other).sign(o, buyer);
    assertProblem(
        h.post(port, "/v1/orders", WireJson.write(OrderSubmission.of(foreign))),
        400,
        "bad-signature");
    String withChain =
        WireJson.write(OrderSubmission.of(foreign)).replace("\"chainId\":null", "\"chainId\":1");
    assertProblem(h.post(port, "/v1/orders", withChain), 400, "wrong-domain");
  }

  @Test
  void chainStateChecksRefuseWithTheirReason() {
    SigningKey stranger = SigningKey.random(new java.security.SecureRandom());
    assertProblem(
        h.submit(port, h.order(stranger, Side.BID, h.market, 1_000, 2_000_000, 1)),
        403,
        "unknown-operator");
    assertProblem(
        h.submit(port, h.order(buyer, Side.BID, h.market, 1_000_000, 50_000_000, 3)),
        409,
        "insufficient-escrow");
    assertProblem(
        h.submit(port, h.order(seller, Side.ASK, h.market, 20_000, 2_000_000, 1)),
        409,
        "insufficient-holdings");
    // a maker with an ask in the market may not also bid there: the exchange refuses wash trades
    assertThat(h.submit(port, h.order(seller, Side.ASK, h.market, 1_000, 9_000_000, 50)).status())
        .isEqualTo(202);
    assertProblem(
        h.submit(port, h.order(seller, Side.BID, h.market, 1_000, 2_000_000, 51)),
        409,
        "self-trade");
    assertProblem(
        h.submit(port, h.order(buyer, Side.BID, h.market, 1_000, 2_000_001, 4)), 400, "tick-size");
    // on the tick but above the auction's highest price: refused here, not left open unbooked
    assertProblem(
        h.submit(
            port, h.order(seller, Side.ASK, h.market, 1_000, Long.MAX_VALUE / 1_000 * 1_000, 2)),
        400,
        "tick-size");
    MarketKey past = new MarketKey(h.market.band(), h.market.cell(), 1_000, 2_000);
    Order expired = new Order(buyer.address(), Side.BID, past, 1_000, 2_000_000, 5, 1_500, true);
    assertProblem(
        h.submit(port, ledger.admin().exchange().orderSigner().sign(expired, buyer)),
        400,
        "expired");
    // a slot in milliseconds, 57,000 years ahead: refused, and the detail says why
    long ms = h.market.slotStart() * 1_000;
    MarketKey inMillis = new MarketKey(h.market.band(), h.market.cell(), ms, ms + 3_600_000);
    Order farAhead = new Order(buyer.address(), Side.BID, inMillis, 1_000, 2_000_000, 6, ms, true);
    BrokerHarness.Response tooFar =
        h.submit(port, ledger.admin().exchange().orderSigner().sign(farAhead, buyer));
    assertProblem(tooFar, 400, "too-far-ahead");
    assertThat(tooFar.body().path("detail").asText()).contains("milliseconds");
    long zone =
        ledger
            .admin()
            .policy()
            .addProtectionZone(
                h.market.band(), h.market.cell(), h.market.slotStart(), h.market.slotEnd());
    try {
      awaitProblem(6, 409, "market-closed");
    } finally {
      ledger.admin().policy().removeProtectionZone(h.market.band(), h.market.cell(), zone);
    }
    // half the market's slot is off the band's grid: it would sell the licence twice
    MarketKey half =
        new MarketKey(
            h.market.band(),
            h.market.cell(),
            h.market.slotStart(),
            (h.market.slotStart() + h.market.slotEnd()) / 2);
    assertProblem(
        h.submit(port, h.order(buyer, Side.BID, half, 1_000, 2_000_000, 7)), 409, "market-closed");
  }

  /** Submits fresh orders until the broker's view of the chain catches up and refuses one. */
  private void awaitProblem(long firstNonce, int status, String reason) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long nonce = firstNonce;
    BrokerHarness.Response r;
    do {
      r = h.submit(port, h.order(buyer, Side.BID, h.market, 1, 2_000_000, nonce++ * 1_000));
      if (r.status() == status) {
        break;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    assertProblem(r, status, reason);
  }

  @Test
  void unknownPathsMethodsAndIdsAre4xx() throws Exception {
    assertProblem(h.get(port, "/v2/orders"), 404, "not-found");
    assertProblem(h.get(port, "/v1/orders/0x" + "12".repeat(32), buyer), 404, "unknown-order");
    assertProblem(h.get(port, "/v1/orders/nothex"), 400, "malformed");
    assertProblem(h.post(port, "/v1/markets", "{}"), 405, "method-not-allowed");
    assertProblem(h.get(port, "/v1/batches/abc"), 400, "malformed");
    assertProblem(h.get(port, "/v1/markets/bad-key/depth"), 400, "malformed");
    assertProblem(h.get(port, "/v1/trades?maker=0x12"), 400, "malformed");
    // a bad percent escape is the client's: said plainly (assertProblem: no Java names)
    for (String bad :
        new String[] {"/v1/trades?maker=%ZZ", "/v1/markets/4%2F0x7%2F3600-72%Z0/depth"}) {
      String answer = rawGet(bad);
      assertThat(answer).as(bad).startsWith("HTTP/1.1 400").contains("\"malformed\"");
      assertThat(answer.substring(answer.indexOf("\r\n\r\n")))
          .as("a plain sentence, no Java names")
          .doesNotContain("java.", "URLDecoder", "Exception");
    }
    // a path below a single resource names nothing
    assertProblem(h.get(port, "/v1/batches/1/x"), 404, "not-found");
    assertProblem(h.get(port, "/v1/info/x"), 404, "not-found");
    assertProblem(h.get(port, "/v1/trades/x"), 404, "not-found");
    assertProblem(h.post(port, "/v1/cancels/x", "{}"), 404, "not-found");
  }

  /**
   * A hurried user's typo in a query's name, a parameter given twice or one without a value is
   * refused, not skipped: {@code ?makr=} read as no filter would answer every maker's trades, and
   * {@code ?limit=1&limit=500} means one of two things.
   */
  @Test
  void aQueryParameterMistypedGivenTwiceOrWithoutValueIs400() {
    String maker = buyer.address().hex();
    var typo = h.get(port, "/v1/trades?makr=" + maker);
    assertProblem(typo, 400, "malformed");
    assertThat(typo.body().path("detail").asText())
        .isEqualTo("unknown query parameter 'makr'; this resource takes maker, market, limit");
    var twice = h.get(port, "/v1/trades?limit=1&limit=500");
    assertProblem(twice, 400, "malformed");
    assertThat(twice.body().path("detail").asText())
        .isEqualTo("query parameter 'limit' is given twice; give it once");
    var noValue = h.get(port, "/v1/batches?limit");
    assertProblem(noValue, 400, "malformed");
    assertThat(noValue.body().path("detail").asText())
        .isEqualTo("query parameter 'limit' has no value");
    String depth = "/v1/markets/" + h.market.toString().replace("/", "%2F") + "/depth";
    assertProblem(h.get(port, depth + "?levels=5&levels=6"), 400, "malformed");
    var none = h.get(port, "/v1/info?verbose=1");
    assertProblem(none, 400, "malformed");
    assertThat(none.body().path("detail").asText()).endsWith("this resource takes none");
    assertProblem(h.get(port, "/v1/markets?band=4"), 400, "malformed");
    // a signed view is refused before its signature is looked at
    assertProblem(
        h.get(port, "/v1/orders?maker=" + maker + "&limit=5&limit=6", buyer), 400, "malformed");
    assertProblem(
        h.get(port, "/v1/orders/0x" + "12".repeat(32) + "?verbose=1", buyer), 400, "malformed");
    // a number in a path is its digits, as the document says: "+1" is no batch id
    assertProblem(h.get(port, "/v1/batches/+1"), 400, "malformed");
    // the explorer's views take no parameter but the search's q
    assertProblem(h.get(port, "/explorer/api/overview?x=1"), 400, "bad-request");
    assertProblem(h.get(port, "/explorer/api/search?q=4&q=5"), 400, "bad-request");

    // what a resource takes, once each, is answered as before; an empty pair is no parameter
    assertThat(h.get(port, "/v1/trades?maker=" + maker + "&limit=5&").status()).isEqualTo(200);
    assertThat(h.get(port, "/v1/orders?maker=" + maker + "&limit=5", buyer).status())
        .isEqualTo(200);
    assertThat(h.get(port, "/v1/batches?limit=5").status()).isEqualTo(200);
  }

  /**
   * An address in a path or a query is typed or pasted by a person: one in mixed case whose EIP-55
   * checksum fails has a mistyped digit, and is refused rather than read as another account (whose
   * trades would come back empty). One in a single case is not checked.
   */
  @Test
  void anAddressWhoseChecksumFailsIs400NotAnotherAccount() {
    String good = buyer.address().checksummed();
    String bad = withOneLetterInTheOtherCase(good);
    var r = h.get(port, "/v1/trades?maker=" + bad);
    assertProblem(r, 400, "malformed");
    assertThat(r.body().path("detail").asText()).contains(bad).contains("EIP-55 checksum");
    assertProblem(h.get(port, "/v1/orders?maker=" + bad, buyer), 400, "malformed");
    assertProblem(h.get(port, "/v1/operators/" + bad + "/fills", buyer), 400, "malformed");
    for (String same :
        new String[] {good, good.toLowerCase(), "0x" + good.substring(2).toUpperCase()}) {
      assertThat(h.get(port, "/v1/trades?maker=" + same).status()).as(same).isEqualTo(200);
    }
  }

  /** {@code address} with the case of its first letter swapped: a checksum that fails. */
  private static String withOneLetterInTheOtherCase(String address) {
    for (int i = 2; i < address.length(); i++) {
      char c = address.charAt(i);
      if (Character.isLetter(c)) {
        char swapped =
            Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return address.substring(0, i) + swapped + address.substring(i + 1);
      }
    }
    throw new IllegalArgumentException("no letter in " + address);
  }

  /**
   * Every method a resource does not take is 405 with the methods it does in {@code Allow} (RFC
   * 9110), the explorer's pages and views as much as the API's, and the answer is a problem the
   * document describes.
   */
  @Test
  void aMethodAResourceDoesNotTakeIs405WithAllow() throws Exception {
    String[][] paths = {
      {"/v1/info", "GET"},
      {"/v1/orders", "GET, POST"},
      {"/v1/cancels", "POST"},
      {"/v1/batches/1", "GET"},
      {"/v1/operators/" + buyer.address().hex() + "/fills", "GET"},
      {"/explorer", "GET"},
      {"/explorer/app.js", "GET"},
      {"/explorer/api/overview", "GET"}
    };
    for (String[] p : paths) {
      for (String method : new String[] {"PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"}) {
        if (p[1].contains(method)) {
          continue;
        }
        var res =
            h.http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + p[0]))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(method + " " + p[0]).isEqualTo(405);
        assertThat(res.headers().firstValue("Allow")).as(method + " " + p[0]).hasValue(p[1]);
        if (!method.equals("HEAD")
            && (!p[0].startsWith("/explorer") || p[0].startsWith("/explorer/api/"))) {
          org.spectrumledger.broker.api.OpenApiCheck.assertConforms(
              method, p[0], 405, res.headers().firstValue("Content-Type").orElse(""), res.body());
        }
      }
    }
  }

  /**
   * A body over the limit is 413 on every route that takes one, and the document says so (it did
   * for an order alone, so a client checking the cancel's answer met a status it did not know).
   */
  @Test
  void anOversizedCancelOrRuleIs413AsTheDocumentSays() {
    String huge = "{\"maker\":\"" + "a".repeat(20_000) + "\"}";
    assertProblem(h.post(port, "/v1/cancels", huge), 413, "body-too-large");
    assertProblem(h.post(port, "/v1/rules/books", huge), 413, "body-too-large");
  }

  /**
   * A client that opens an operator's fill stream and drops it, again and again (a reconnect loop
   * gone wrong, or on purpose), holds no more than that operator's few places: the broker notices a
   * dropped stream only when it next writes to it, so without a cap the drops took every one of the
   * broker's stream places and other operators were refused 503 for half a minute.
   */
  @Test
  void aFillStreamOpenedAndDroppedAgainAndAgainKeepsNoOperatorOut() throws Exception {
    String mine = "/v1/operators/" + buyer.address().hex() + "/fills";
    for (int i = 0; i < 2_100; i++) {
      String head = openStreamAndDrop(mine, h.authorization(buyer, "GET", mine).header());
      assertThat(head).as("stream " + i).startsWith("HTTP/1.1 200");
    }
    String theirs = "/v1/operators/" + seller.address().hex() + "/fills";
    assertThat(openStreamAndDrop(theirs, h.authorization(seller, "GET", theirs).header()))
        .startsWith("HTTP/1.1 200");
  }

  /**
   * Anyone can sign for a key of its own: a stream opened by an account the policy never registered
   * (it has no orders, so no fills) is refused, or made-up accounts, each with a stream, could take
   * every place the broker keeps for operators' streams.
   */
  @Test
  void aFillStreamOfAnAccountThatIsNoOperatorIs403() {
    SigningKey stranger = SigningKey.random(new java.security.SecureRandom());
    var r = h.get(port, "/v1/operators/" + stranger.address().hex() + "/fills", stranger);
    assertProblem(r, 403, "unknown-operator");
    assertThat(r.body().path("detail").asText())
        .contains("not an operator registered in the policy");
  }

  /**
   * Opens a signed fill stream, reads its answer up to the first comment (all the broker sent: a
   * socket closed with bytes unread is reset, which is not what a client that hangs up does) and
   * hangs up.
   */
  private String openStreamAndDrop(String target, String authorization) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + target
                      + " HTTP/1.1\r\nHost: broker\r\nAccept: text/event-stream\r\n"
                      + "Authorization: "
                      + authorization
                      + "\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.setSoTimeout(10_000);
      var in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buf = new byte[1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        answer.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
        int headers = answer.indexOf("\r\n\r\n");
        if (headers >= 0
            && (!answer.toString().startsWith("HTTP/1.1 200")
                || answer.indexOf("\n\n", headers + 4) >= 0)) {
          break;
        }
      }
      return answer.toString();
    }
  }

  /** A connection that has sent an order's headers and 1 of the 100 bytes its body declares. */
  private java.net.Socket unfinishedOrderPost() throws java.io.IOException {
    var socket = new java.net.Socket("127.0.0.1", port);
    socket
        .getOutputStream()
        .write(
            ("POST /v1/orders HTTP/1.1\r\nHost: broker\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** The raw answer to a GET of {@code target} as written (a URI class would refuse a bad one). */
  private String rawGet(String target) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET " + target + " HTTP/1.1\r\nHost: broker\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void tenThousandRandomRequestsCauseNo5xxAndTheBrokerStaysUp() {
    Random r = new Random(20261125L);
    String valid =
        WireJson.write(
            OrderSubmission.of(h.order(buyer, Side.BID, h.market, 1_000, 2_000_000, 777)));
    String[] paths = {
      "/v1/orders",
      "/v1/cancels",
      "/v1/orders/0x" + "ab".repeat(32),
      "/v1/markets",
      "/v1/trades",
      "/v1/batches",
      "/v1/batches/1",
      "/v1/info",
      "/v1/markets/4%2F0x1%2F1-2/depth",
      "/v1/orders?maker=0x" + "00".repeat(20),
      "/v1/x",
      "/metrics",
      "/"
    };
    int fiveXX = 0;
    for (int i = 0; i < 10_000; i++) {
      String path = paths[r.nextInt(paths.length)];
      BrokerHarness.Response res;
      if (r.nextInt(3) == 0) {
        res = h.get(port, path + (r.nextBoolean() ? "?limit=" + (r.nextInt(4000) - 1000) : ""));
      } else {
        res = h.post(port, r.nextInt(4) == 0 ? path : "/v1/orders", mutate(valid, r));
      }
      if (res.status() >= 500) {
        fiveXX++;
      }
    }
    assertThat(fiveXX).isZero();
    assertThat(h.get(port, "/health").status()).isEqualTo(200);
  }

  /** A mutated order body: a field replaced by a random JSON value, bytes flipped, or truncated. */
  static String mutate(String json, Random r) {
    String[] fields = {
      "maker",
      "side",
      "band",
      "cell",
      "slotStart",
      "slotEnd",
      "quantity",
      "limitPrice",
      "nonce",
      "validUntil",
      "partialFill",
      "signature",
      "chainId",
      "exchange"
    };
    String[] values = {
      "null",
      "0",
      "-1",
      "9223372036854775807",
      "9223372036854775808",
      "1e308",
      "\"\"",
      "\"0x\"",
      "true",
      "[]",
      "{}",
      "\"0x" + "f".repeat(40) + "\"",
      "\"bid\"",
      "\"ask\"",
      "1.5",
      "\"all\"",
      "\"" + "x".repeat(300) + "\"",
      "\"0x" + "00".repeat(65) + "\""
    };
    return switch (r.nextInt(5)) {
      case 0, 1 -> {
        String f = fields[r.nextInt(fields.length)];
        yield json.replaceFirst(
            "\"" + f + "\":(\"[^\"]*\"|[^,}]*)",
            "\"" + f + "\":" + values[r.nextInt(values.length)]);
      }
      case 2 -> {
        char[] c = json.toCharArray();
        for (int k = 0; k < 1 + r.nextInt(5); k++) {
          c[r.nextInt(c.length)] = (char) (32 + r.nextInt(95));
        }
        yield new String(c);
      }
      case 3 -> json.substring(0, r.nextInt(json.length()));
      default -> {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        yield new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
      }
    };
  }
}

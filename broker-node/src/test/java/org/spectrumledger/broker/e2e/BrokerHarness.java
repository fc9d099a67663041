package org.spectrumledger.broker.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.api.OpenApiCheck;
import org.spectrumledger.broker.api.OrderSubmission;
import org.spectrumledger.broker.api.RequestAuthorization;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * A dev ledger with a band, licensed sellers and funded buyers, and an HTTP client for a broker.
 */
public final class BrokerHarness {

  public static final long BAND = 4;
  public static final long CELL = CellId.of(CellId.Layer.GROUND, 11).value();
  private static final ObjectMapper JSON = new ObjectMapper();

  public final DevLedger ledger;
  private final java.util.Map<Address, SigningKey> keys =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, Address> makers =
      new java.util.concurrent.ConcurrentHashMap<>();
  public final MarketKey market;
  public final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param slotSeconds the band's slot grid; the harness's market is the grid's slot that starts
   *     one to two slots from now
   */
  public BrokerHarness(DevLedger ledger, long slotSeconds) {
    this.ledger = ledger;
    LedgerClient admin = ledger.admin();
    if (!admin.policy().bandInfo(BAND).registered()) {
      admin.policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, slotSeconds);
    }
    long now = admin.chainTime();
    long start = (now / slotSeconds + 2) * slotSeconds;
    this.market = new MarketKey(BAND, CELL, start, start + slotSeconds);
  }

  /**
   * A broker on this ledger with its store in {@code dir}: any free port, free gas, and epochs of
   * 200 ms (non-RT), 100 ms (near-RT) and 200 ms (settlement), so tests run in seconds.
   */
  public BrokerConfig fastBroker(java.nio.file.Path dir) {
    return BrokerConfig.defaults(
            ledger.chain().rpcUrl(),
            ledger.deployment(),
            ledger.brokerKey(),
            BrokerStore.defaultUrl(dir))
        .withPort(0)
        .withFees(GasFees.free())
        .withEpochs(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200));
  }

  /** A registered seller licensed for {@code milliSru} in the market's cell. */
  public SigningKey seller(String name, long milliSru) {
    SigningKey k =
        ledger.newOperator(name, OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    long now = ledger.admin().chainTime();
    ledger.admin().policy().grantLicence(k.address(), BAND, CELL, milliSru, now - 10, now + 86_400);
    keys.put(k.address(), k);
    return k;
  }

  /** A registered buyer with {@code tokens} base units in escrow. */
  public SigningKey buyer(String name, long tokens) {
    SigningKey k =
        ledger.newOperator(
            name,
            OperatorKind.MICRO_OPERATOR,
            BigInteger.valueOf(tokens),
            BigInteger.valueOf(tokens));
    keys.put(k.address(), k);
    return k;
  }

  public SignedOrder order(
      SigningKey maker, Side side, MarketKey m, long quantity, long limit, long nonce) {
    return ledger
        .admin()
        .exchange()
        .orderSigner()
        .sign(
            new Order(maker.address(), side, m, quantity, limit, nonce, m.slotStart(), true),
            maker);
  }

  /** POSTs {@code body} as JSON; returns the status and the JSON body. */
  public Response post(int port, String path, String body) {
    return post(port, path, body, "application/json");
  }

  /** POSTs {@code body} with {@code contentType} (null: no Content-Type header at all). */
  public Response post(int port, String path, String body, String contentType) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return checked("POST", r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The answer, after checking it against the API's OpenAPI document. */
  private static Response checked(String method, HttpResponse<String> r) {
    String contentType = r.headers().firstValue("Content-Type").orElse("");
    String path = r.uri().getRawPath();
    if (!path.startsWith("/explorer") || path.startsWith("/explorer/api/")) {
      OpenApiCheck.assertConforms(method, path, r.statusCode(), contentType, r.body());
    }
    return new Response(r.statusCode(), parse(r.body()), contentType);
  }

  /** Submits {@code signed}; an accepted order's maker is remembered for {@link #getOrder}. */
  public Response submit(int port, SignedOrder signed) {
    Response r = post(port, "/v1/orders", WireJson.write(OrderSubmission.of(signed)));
    if (r.status() == 202) {
      makers.put(r.body().path("orderHash").asText(), signed.order().maker());
    }
    return r;
  }

  /** GETs an order this harness submitted, signed by its maker as the broker requires. */
  public Response getOrder(int port, String orderHash) {
    Address maker = makers.get(orderHash);
    if (maker == null) {
      throw new IllegalArgumentException("the harness submitted no order " + orderHash);
    }
    return get(port, "/v1/orders/" + orderHash, maker);
  }

  public Response get(int port, String path) {
    return get(port, path, (String) null);
  }

  /** GETs {@code path} with a request signed by {@code as} (an operator's own views). */
  public Response get(int port, String path, SigningKey as) {
    return get(port, path, authorization(as, "GET", path).header());
  }

  /** GETs {@code path} signed by the key of {@code maker}, an operator this harness made. */
  public Response get(int port, String path, Address maker) {
    SigningKey key = keys.get(maker);
    if (key == null) {
      throw new IllegalArgumentException("the harness made no operator " + maker);
    }
    return get(port, path, key);
  }

  /** A signed request of {@code method target} by {@code as} to this ledger's broker. */
  public RequestAuthorization authorization(SigningKey as, String method, String target) {
    return RequestAuthorization.sign(
        new OffChainMessages(ledger.deployment().domain()),
        as,
        ledger.brokerKey().address(),
        method,
        target,
        System.currentTimeMillis() / 1000);
  }

  /** GETs {@code path} with {@code authorization} as its Authorization header (null: none). */
  public Response get(int port, String path, String authorization) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .GET();
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return checked("GET", r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    if (body.isEmpty()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  /** An HTTP answer. */
  public record Response(int status, JsonNode body, String contentType) {}
}

package org.spectrumledger.broker.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * A typed client of the broker's HTTP API (v1), over one kept-alive HTTP client. Every answer is
 * read into the wire records; a problem answer is a {@link BrokerRefusal} carrying its status and
 * reason slug; a broker that cannot be reached is a {@link BrokerUnavailable}.
 */
public final class BrokerClient {

  /** The broker answered with a problem (4xx or 5xx). */
  public static final class BrokerRefusal extends RuntimeException {
    private final transient Problem problem;

    BrokerRefusal(Problem problem) {
      super(
          "broker refused ("
              + problem.status()
              + " "
              + problem.reason()
              + "): "
              + problem.detail());
      this.problem = problem;
    }

    public int status() {
      return problem.status();
    }

    /** The problem's reason slug, e.g. {@code insufficient-escrow}. */
    public String reason() {
      return problem.reason();
    }

    public Problem problem() {
      return problem;
    }
  }

  /** The broker cannot be reached, or answered with something that is not its API. */
  public static final class BrokerUnavailable extends RuntimeException {
    BrokerUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final URI base;
  private final HttpClient http;

  public BrokerClient(String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a broker URL: " + baseUrl, e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("not a broker URL (http://host:port): " + baseUrl);
    }
    this.base = uri;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI base() {
    return base;
  }

  /** Submits a signed order. */
  public OrderAccepted submit(SignedOrder signed) {
    return post("v1/orders", OrderSubmission.of(signed), OrderAccepted.class);
  }

  /** Sends a signed cancel of order {@code nonce}. */
  public OrderAccepted cancel(Address maker, long nonce, Signature signature) {
    return post("v1/cancels", CancelSubmission.of(maker, nonce, signature), OrderAccepted.class);
  }

  public OrderView order(Bytes32 orderHash) {
    return get("v1/orders/" + orderHash.hex(), OrderView.class);
  }

  public OrderList orders(Address maker, int limit) {
    return get("v1/orders?maker=" + maker.hex() + "&limit=" + limit, OrderList.class);
  }

  public TradeList trades(Address maker, int limit) {
    return get("v1/trades?maker=" + maker.hex() + "&limit=" + limit, TradeList.class);
  }

  public BrokerInfo info() {
    return get("v1/info", BrokerInfo.class);
  }

  public MarketList markets() {
    return get("v1/markets", MarketList.class);
  }

  public DepthView depth(MarketKey market, int levels) {
    return get(
        "v1/markets/"
            + URLEncoder.encode(market.toString(), StandardCharsets.UTF_8)
            + "/depth?levels="
            + levels,
        DepthView.class);
  }

  public BatchList batches(int limit) {
    return get("v1/batches?limit=" + limit, BatchList.class);
  }

  public BatchView batch(long batchId) {
    return get("v1/batches/" + batchId, BatchView.class);
  }

  private <T> T get(String path, Class<T> type) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        type);
  }

  private <T> T post(String path, Object body, Class<T> type) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(body)))
            .build(),
        type);
  }

  private <T> T send(HttpRequest req, Class<T> type) {
    HttpResponse<String> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String why =
          e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
      throw new BrokerUnavailable("the broker at " + base + " is unreachable: " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailable("interrupted while talking to the broker", e);
    }
    try {
      if (res.statusCode() >= 400) {
        throw new BrokerRefusal(problem(res));
      }
      return WireJson.read(res.body(), type);
    } catch (IllegalArgumentException notOurs) {
      throw new BrokerUnavailable(
          "the broker at "
              + base
              + " answered "
              + res.statusCode()
              + " with a body that is not its API: "
              + notOurs.getMessage(),
          notOurs);
    }
  }

  private static Problem problem(HttpResponse<String> res) {
    try {
      return WireJson.read(res.body(), Problem.class);
    } catch (IllegalArgumentException e) {
      return Problem.of(res.statusCode(), "error", "error", res.body());
    }
  }
}

package org.spectrumledger.broker.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Eip712Domain;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;

/**
 * A typed client of the broker's HTTP API (v1), over one kept-alive HTTP client. Every answer is
 * read into the wire records, a field this client does not know skipped (a newer broker's); a
 * problem answer is a {@link BrokerRefusal} carrying its status and reason slug; a broker that
 * cannot be reached is a {@link BrokerUnavailable}.
 *
 * <p>An operator's own views ({@link #order}, {@link #orders}) need its key: a client made by
 * {@link #signedBy} signs each such request ({@link RequestAuthorization}), reading the broker's
 * address and the deployment's domain from {@code /v1/info} once.
 */
public final class BrokerClient {

  /** The most a listing ({@code orders}, {@code trades}, {@code batches}) returns at once. */
  public static final int MAX_LIMIT = 1_000;

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
    private final boolean answered;

    BrokerUnavailable(String message, Throwable cause, boolean answered) {
      super(message, cause);
      this.answered = answered;
    }

    /**
     * Whether something answered at the URL, and not as the broker's API: the URL is wrong, where
     * an unreachable broker may only not be up yet.
     */
    public boolean answeredNotAsTheBroker() {
      return answered;
    }
  }

  private final URI base;
  private final HttpClient http;
  private final SigningKey signer;
  private final java.time.Clock clock;
  private volatile Signing signing;

  /** What a signed request names: the broker and the deployment's domain, from /v1/info. */
  private record Signing(Address broker, OffChainMessages messages) {}

  public BrokerClient(String baseUrl) {
    this(checkedBase(baseUrl), newHttp(), null, java.time.Clock.systemUTC());
  }

  private BrokerClient(URI base, HttpClient http, SigningKey signer, java.time.Clock clock) {
    this.base = base;
    this.http = http;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * A client that signs the requests for an operator's own views with {@code key}; it shares this
   * client's connections.
   */
  public BrokerClient signedBy(SigningKey key) {
    return new BrokerClient(base, http, java.util.Objects.requireNonNull(key, "key"), clock);
  }

  private static HttpClient newHttp() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static URI checkedBase(String baseUrl) {
    String why = org.spectrumledger.ledger.io.HttpUrls.problem(baseUrl);
    if (why != null) {
      throw new IllegalArgumentException(
          "not a broker URL: '" + baseUrl + "' " + why + ", as in http://127.0.0.1:8080");
    }
    String t = baseUrl.strip();
    return URI.create(t.endsWith("/") ? t : t + "/");
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

  /**
   * One of the signer's orders (an order of another maker is a 404, as one that does not exist).
   */
  public OrderView order(Bytes32 orderHash) {
    return signedGet("v1/orders/" + orderHash.hex(), OrderView.class);
  }

  /** The latest orders of {@code maker}, who must be the signer. */
  public OrderList orders(Address maker, int limit) {
    return signedGet("v1/orders?maker=" + maker.hex() + "&limit=" + limit, OrderList.class);
  }

  /**
   * Sends the regulator's rule on the near-RT books of {@code band} in {@code cell} ({@link
   * CellId#ALL_CELLS}: every cell), signed with {@code regulator}'s key; its sequence is the later
   * of now in milliseconds and one past the last rule in force. Returns the rules in force after
   * it.
   */
  public BookRuleList setBookRule(SigningKey regulator, long band, CellId cell, boolean lit) {
    Signing s = signing();
    long last = 0;
    for (BookRule r : info().bookRules()) {
      last = Math.max(last, r.sequence());
    }
    long sequence = Math.max(clock.millis(), last + 1);
    BookRule rule =
        BookRule.sign(
            s.messages(), regulator, new OffChainMessages.BookRule(band, cell, lit, sequence));
    return post("v1/rules/books", rule, BookRuleList.class);
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
    return get(marketPath(market) + "/depth?levels=" + levels, DepthView.class);
  }

  /** The published book of the auction of {@code market} cut off at {@code cutoff}. */
  public AuctionBookView auctionBook(MarketKey market, long cutoff) {
    return get(marketPath(market) + "/auctions/" + cutoff, AuctionBookView.class);
  }

  private static String marketPath(MarketKey market) {
    return "v1/markets/" + URLEncoder.encode(market.toString(), StandardCharsets.UTF_8);
  }

  public BatchList batches(int limit) {
    return get("v1/batches?limit=" + limit, BatchList.class);
  }

  public BatchView batch(long batchId) {
    return get("v1/batches/" + batchId, BatchView.class);
  }

  private Signing signing() {
    Signing s = signing;
    if (s == null) {
      BrokerInfo info = info();
      s =
          new Signing(
              info.broker(),
              new OffChainMessages(Eip712Domain.exchange(info.chainId(), info.exchange())));
      signing = s;
    }
    return s;
  }

  private <T> T signedGet(String path, Class<T> type) {
    if (signer == null) {
      throw new IllegalStateException(
          "an operator's own views need its key: make the client with signedBy(key)");
    }
    Signing s = signing();
    URI uri = base.resolve(path);
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    RequestAuthorization auth =
        RequestAuthorization.sign(
            s.messages(), signer, s.broker(), "GET", target, clock.millis() / 1000);
    return send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", auth.header())
            .GET()
            .build(),
        type);
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
      String why = org.spectrumledger.ledger.io.ConnectionReasons.of(e);
      throw new BrokerUnavailable("the broker at " + base + " is unreachable: " + why, e, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailable("interrupted while talking to the broker", e, false);
    }
    try {
      if (res.statusCode() >= 400) {
        Problem p = problem(res);
        if (p.status() != res.statusCode()) {
          // the answer's status is the one that counts (for the exit code, say)
          p =
              new Problem(
                  p.type(), p.title(), res.statusCode(), p.detail(), p.reason(), p.errorId());
        }
        throw new BrokerRefusal(p);
      }
      return WireJson.readResponse(res.body(), type);
    } catch (IllegalArgumentException notOurs) {
      throw new BrokerUnavailable(
          "the broker at "
              + base
              + " answered "
              + res.statusCode()
              + (res.body() == null || res.body().isBlank()
                  ? " with an empty body"
                  : " with a body that is not its API")
              + "; is that the broker's URL?",
          notOurs,
          true);
    }
  }

  /**
   * The broker's problem; an answer that is none (a 404 from whatever else listens at the URL, an
   * empty body) throws {@link IllegalArgumentException}, which the caller reports as not the API.
   */
  private static Problem problem(HttpResponse<String> res) {
    Problem p = WireJson.readResponse(res.body(), Problem.class);
    if (p == null || p.reason() == null) {
      throw new IllegalArgumentException("no problem document");
    }
    return p;
  }
}

package org.spectrumledger.broker.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.BrokerApi;
import org.spectrumledger.broker.access.BookRules;
import org.spectrumledger.broker.api.BookRule;
import org.spectrumledger.broker.api.BookRuleList;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.CancelSubmission;
import org.spectrumledger.broker.api.Health;
import org.spectrumledger.broker.api.OpenApi;
import org.spectrumledger.broker.api.OrderSubmission;
import org.spectrumledger.broker.api.WireJson;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.intake.Rejection;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;

/**
 * The broker's HTTP/JSON API, version 1, on Jetty with a virtual thread per request. Bodies are the
 * wire contract's records ({@code org.spectrumledger.broker.api}), written by its one mapper; the
 * OpenAPI document is at {@code /v1/openapi.json}. Bad input is a 4xx {@code
 * application/problem+json} (RFC 9457) with a plain sentence; a failure of the broker itself is a
 * 500 whose {@code errorId} names the log line. An operator's own views answer only its signed
 * request ({@link SignedViews}); a sealed book's depth is never read ({@code 403 book-sealed}).
 * Every request gets an answer: when more than {@code maxInFlight} requests are being served, the
 * next waits up to {@code admissionWait} and is then answered 503 with {@code Retry-After}, its
 * connection kept open. A request's body is read before it counts (a client slow to send holds only
 * its own connection), and {@code /health} never waits.
 */
public final class HttpApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** Largest request body accepted. */
  public static final int MAX_BODY = 16 * 1024;

  private static final byte[] OPENAPI = WireJson.writeBytes(OpenApi.document());

  private final BrokerApi broker;
  private final Server server;
  private final ServerConnector connector;
  private final Semaphore admission;

  /** Fill streams open at once, at most: each holds a connection and a queue of its frames. */
  static final int MAX_STREAMS = 2_048;

  private final Semaphore streams = new Semaphore(MAX_STREAMS);

  /**
   * Connections open at once, at most: a request's body is read before it takes a place, so this
   * bounds the bodies being read (16 KiB each at most) when clients are slow to send them.
   */
  static final int MAX_CONNECTIONS = 8_192;

  private final Duration admissionWait;
  private final List<Route> extra = new ArrayList<>();

  /** A handler for paths under a prefix that another package adds (the explorer). */
  public interface Route {
    String prefix();

    void handle(Exchange exchange, String path) throws IOException;
  }

  /**
   * Sees every answer the API sends whole (not streams) as it goes out: a test holds them to the
   * API's OpenAPI document this way. It runs on the request's thread, so it must be quick.
   */
  @FunctionalInterface
  public interface AnswerWatcher {
    void answered(String method, String rawPath, int status, String contentType, byte[] body);
  }

  private volatile AnswerWatcher watcher;

  /** Shows every answer sent from now on to {@code watcher} (null: to none). */
  public HttpApi watchAnswers(AnswerWatcher watcher) {
    this.watcher = watcher;
    return this;
  }

  public HttpApi(BrokerApi broker, String host, int port) {
    this(broker, host, port, 512, Duration.ofSeconds(2));
  }

  public HttpApi(BrokerApi broker, String host, int port, int maxInFlight, Duration admissionWait) {
    this.broker = broker;
    this.admission = new Semaphore(maxInFlight);
    this.admissionWait = admissionWait;
    QueuedThreadPool threads = new QueuedThreadPool(16, 4);
    threads.setName("broker-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    // A market key in one path segment is percent-encoded: band%2Fcell%2Fstart-end.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "market keys", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    connector.setIdleTimeout(Duration.ofSeconds(60).toMillis());
    server.addConnector(connector);
    server.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    server.setErrorHandler(new ProblemErrorHandler());
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            serve(new Exchange(request, response, callback, watcher));
            return true;
          }
        });
  }

  /** Adds a route; call before {@link #start()}. */
  public HttpApi route(Route route) {
    extra.add(route);
    return this;
  }

  public HttpApi start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "the broker API cannot listen on " + connector.getHost() + ":" + connector.getPort(), e);
    }
    LOG.info("broker API listening on http://{}:{}/v1", connector.getHost(), port());
    return this;
  }

  public int port() {
    return connector.getLocalPort();
  }

  private void serve(Exchange ex) {
    // The body first, before a place is taken: a client that trickles its body (or never ends it)
    // holds its connection and a virtual thread, not one of the places every other request needs.
    try {
      ex.readBody();
    } catch (java.io.UncheckedIOException e) {
      LOG.debug("client went away: {}", e.getMessage());
      ex.fail(e);
      return;
    }
    String path = stripTrailingSlashes(ex.path());
    if (path.equals("/health") || path.equals("/ready")) {
      dispatch(ex); // liveness and readiness are answered whatever the load
      return;
    }
    if (path.startsWith("/v1/operators/") && path.endsWith("/fills")) {
      // An operator's fill stream lasts as long as it is subscribed: it has places of its own, or
      // 512 operators listening would leave none for anything else.
      if (!streams.tryAcquire()) {
        ex.header("Retry-After", "5");
        ex.problem(
            503,
            "overloaded",
            "the broker is busy",
            "too many fill streams open at once; try again in a few seconds");
        return;
      }
      try {
        dispatch(ex);
      } finally {
        streams.release();
      }
      return;
    }
    boolean admitted;
    try {
      admitted = admission.tryAcquire(admissionWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      ex.header("Retry-After", "1");
      ex.problem(
          503,
          "overloaded",
          "the broker is busy",
          "too many requests at once; try again in a second");
      return;
    }
    try {
      dispatch(ex);
    } finally {
      admission.release();
    }
  }

  private void dispatch(Exchange ex) {
    String path = ex.path();
    try {
      if (ex.tooLarge()) {
        ex.body(); // answers 413 below
      }
      for (Route r : extra) {
        if (path.startsWith(r.prefix())) {
          r.handle(ex, path);
          return;
        }
      }
      route(ex, path);
    } catch (MethodNotAllowed e) {
      ex.header("Allow", e.allowed);
      ex.problem(
          405,
          "method-not-allowed",
          "method not allowed",
          ex.method() + " is not allowed here; use " + e.allowed);
    } catch (Exchange.BodyTooLarge e) {
      ex.problem(
          413,
          "body-too-large",
          "request body too large",
          "bodies are limited to " + MAX_BODY + " bytes");
    } catch (NotJson e) {
      ex.problem(
          415,
          Rejection.UNSUPPORTED_MEDIA_TYPE.slug(),
          Rejection.UNSUPPORTED_MEDIA_TYPE.title(),
          e.detail);
    } catch (OrderSubmission.OutOfRange e) {
      ex.problem(400, Rejection.TICK_SIZE.slug(), Rejection.TICK_SIZE.title(), e.getMessage());
    } catch (IllegalArgumentException e) {
      ex.problem(400, Rejection.MALFORMED.slug(), Rejection.MALFORMED.title(), e.getMessage());
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.debug("client went away: {}", e.getMessage());
      if (!ex.answered()) {
        ex.fail(e);
      }
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      LOG.error("error {}: {} {} failed", errorId, ex.method(), path, e);
      if (!ex.answered()) {
        ex.problem(
            new org.spectrumledger.broker.api.Problem(
                org.spectrumledger.broker.api.Problem.TYPE_BASE + "internal-error",
                "the broker failed",
                500,
                "the broker failed to handle the request; its log names error " + errorId,
                "internal-error",
                errorId));
      }
    }
  }

  private void route(Exchange ex, String path) throws IOException {
    String method = ex.method();
    String[] seg = stripTrailingSlashes(path).split("/");
    // seg[0] is empty (leading slash)
    switch (path) {
      case "/health" -> {
        requireMethod(method, "GET");
        ex.json(200, new Health("up"));
        return;
      }
      case "/ready" -> {
        requireMethod(method, "GET");
        Optional<String> why = broker.notReady();
        if (why.isPresent()) {
          ex.header("Retry-After", "5");
          ex.problem(503, "chain-unavailable", "the broker cannot take orders now", why.get());
          return;
        }
        ex.json(200, new Health("ready"));
        return;
      }
      case "/metrics" -> {
        requireMethod(method, "GET");
        if (!ex.fromLoopback()) {
          // its counts (open orders, orders accepted) would tell of sealed books
          ex.problem(
              403,
              "metrics-local-only",
              "metrics are for the broker's own host",
              "scrape /metrics from the broker's host (Prometheus in its network namespace)");
          return;
        }
        ex.send(
            200, Metrics.CONTENT_TYPE, broker.metrics().scrape().getBytes(StandardCharsets.UTF_8));
        return;
      }
      case "/v1/openapi.json" -> {
        requireMethod(method, "GET");
        ex.query();
        ex.send(200, "application/json", OPENAPI);
        return;
      }
      default -> {}
    }
    if (seg.length < 3 || !seg[1].equals("v1")) {
      notFound(
          ex,
          "no resource at "
              + path
              + (seg.length == 2 && seg[1].equals("v1")
                  ? "; the API's resources are /v1/info, /v1/markets, /v1/orders, /v1/trades,"
                      + " /v1/batches, described in /v1/openapi.json"
                  : "; the API is under /v1"));
      return;
    }
    // info, cancels and trades are single resources, with nothing below them
    if (seg.length > 3 && ONE_RESOURCE.contains(seg[2])) {
      notFound(ex, "no resource at " + path + "; try /v1/" + seg[2]);
      return;
    }
    switch (seg[2]) {
      case "info" -> {
        requireMethod(method, "GET");
        ex.query();
        ex.json(200, broker.info());
      }
      case "orders" -> orders(ex, seg);
      case "cancels" -> {
        requireMethod(method, "POST");
        ex.query();
        CancelSubmission c = WireJson.read(jsonBody(ex), CancelSubmission.class);
        result(ex, broker.cancel(c.makerAddress(), c.nonceValue(), c.signatureValue()), 200);
      }
      case "markets" -> markets(ex, seg);
      case "trades" -> {
        requireMethod(method, "GET");
        Map<String, String> q = ex.query("maker", "market", "limit");
        Address maker = q.containsKey("maker") ? address(q.get("maker")) : null;
        MarketKey market = q.containsKey("market") ? MarketKey.parse(q.get("market")) : null;
        ex.json(200, broker.trades(maker, market, limit(q)));
      }
      case "batches" -> batches(ex, seg);
      case "rules" -> {
        if (seg.length == 4 && seg[3].equals("books")) {
          requireMethod(method, "POST");
          ex.query();
          bookRule(ex, WireJson.read(jsonBody(ex), BookRule.class));
        } else {
          notFound(ex, "try /v1/rules/books");
        }
      }
      case "operators" -> {
        if (seg.length == 5 && seg[4].equals("fills")) {
          requireMethod(method, "GET");
          Address operator = address(seg[3]);
          ex.query();
          var granted = SignedViews.authenticate(broker.requests(), ex);
          if (granted.isEmpty()) {
            return;
          }
          if (!granted.get().account().equals(operator)) {
            SignedViews.forbid(ex, granted.get().account(), operator, "the fills");
            return;
          }
          if (!broker.mayHaveFills(operator)) {
            // anyone can sign for a key of its own: unchecked, each made-up account could hold one
            // of the streams' places, and a few thousand of them would leave none for operators
            ex.problem(
                403,
                Rejection.UNKNOWN_OPERATOR.slug(),
                Rejection.UNKNOWN_OPERATOR.title(),
                operator
                    + " is not an operator registered in the policy: it has no fills to stream");
            return;
          }
          try (OutputStream out = ex.stream(200, "text/event-stream")) {
            broker.fills().stream(operator, out, granted.get().expiresAt() * 1000);
          }
        } else {
          notFound(ex, "try /v1/operators/{address}/fills");
        }
      }
      default -> notFound(ex, "no resource at " + path);
    }
  }

  private void orders(Exchange ex, String[] seg) {
    String method = ex.method();
    if (seg.length == 3) {
      if (method.equals("POST")) {
        ex.query();
        OrderSubmission req = WireJson.read(jsonBody(ex), OrderSubmission.class);
        result(ex, broker.submit(req.toSignedOrder(), req.chainId(), req.exchange()), 202);
      } else if (method.equals("GET")) {
        Map<String, String> q = ex.query("maker", "limit");
        if (!q.containsKey("maker")) {
          throw new IllegalArgumentException("GET /v1/orders needs ?maker=ADDRESS");
        }
        Address maker = address(q.get("maker"));
        int limit = limit(q);
        var granted = SignedViews.authenticate(broker.requests(), ex);
        if (granted.isEmpty()) {
          return;
        }
        if (!granted.get().account().equals(maker)) {
          SignedViews.forbid(ex, granted.get().account(), maker, "the orders");
          return;
        }
        ex.json(200, broker.ordersOf(maker, limit));
      } else {
        throw new MethodNotAllowed("GET, POST");
      }
      return;
    }
    requireMethod(method, "GET");
    if (seg.length != 4) {
      notFound(ex, "try /v1/orders/{orderHash}");
      return;
    }
    Bytes32 hash = hash(seg[3]);
    ex.query();
    var granted = SignedViews.authenticate(broker.requests(), ex);
    if (granted.isEmpty()) {
      return;
    }
    // another maker's order answers as one that does not exist: its existence is its maker's too
    var view = broker.order(hash, granted.get().account());
    if (view.isEmpty()) {
      ex.problem(
          404, Rejection.UNKNOWN_ORDER.slug(), Rejection.UNKNOWN_ORDER.title(), "no order " + hash);
    } else {
      ex.json(200, view.get());
    }
  }

  private static final java.util.Set<String> ONE_RESOURCE =
      java.util.Set.of("info", "cancels", "trades");

  private void markets(Exchange ex, String[] seg) {
    requireMethod(ex.method(), "GET");
    if (seg.length == 3) {
      ex.query();
      ex.json(200, broker.markets());
      return;
    }
    // /v1/markets/{band/cell/start-end, percent-encoded}/auctions/{cutoff} or
    // /v1/markets/{band}/{cell}/{start-end}/auctions/{cutoff}
    if ((seg.length == 6 || seg.length == 8) && seg[seg.length - 2].equals("auctions")) {
      String key =
          seg.length == 6
              ? Exchange.decode(seg[3], "the market key")
              : seg[3] + "/" + seg[4] + "/" + seg[5];
      MarketKey m = MarketKey.parse(key);
      long cutoff = parseLong(seg[seg.length - 1], "cut-off (unix milliseconds)");
      ex.query();
      var book = broker.auctionBook(m, cutoff);
      if (book.isEmpty()) {
        ex.problem(
            404,
            "unknown-auction",
            "no such auction",
            "the broker cleared no auction of " + m + " cut off at " + cutoff + " (or pruned it)");
      } else {
        ex.json(200, book.get());
      }
      return;
    }
    // /v1/markets/{band/cell/start-end, percent-encoded}/depth or
    // /v1/markets/{band}/{cell}/{start-end}/depth
    boolean depth = seg[seg.length - 1].equals("depth");
    if (depth && (seg.length == 5 || seg.length == 7)) {
      String key =
          seg.length == 5
              ? Exchange.decode(seg[3], "the market key")
              : seg[3] + "/" + seg[4] + "/" + seg[5];
      MarketKey m = MarketKey.parse(key);
      Map<String, String> q = ex.query("levels");
      int levels = q.containsKey("levels") ? parseInt(q.get("levels"), "levels", 1, 1000) : 10;
      // a market that cannot trade has no book to seal: a mistyped band is said so, not "sealed"
      Optional<String> closed = broker.marketClosed(m);
      if (closed.isPresent()) {
        ex.problem(404, "unknown-market", "no such market", m + " cannot trade: " + closed.get());
        return;
      }
      var book = broker.depth(m, levels);
      if (book.isEmpty()) {
        ex.problem(
            403,
            "book-sealed",
            "this market's book is sealed",
            "the book of "
                + m
                + " is sealed until its auction clears (non-RT markets always; near-RT ones unless"
                + " the regulator's rules in /v1/info light them); its result is public after");
      } else {
        ex.json(200, book.get());
      }
    } else {
      notFound(
          ex,
          "try /v1/markets, /v1/markets/{band}/{cell}/{start-end}/depth or"
              + " /v1/markets/{band}/{cell}/{start-end}/auctions/{cutoff}");
    }
  }

  private void batches(Exchange ex, String[] seg) {
    requireMethod(ex.method(), "GET");
    if (seg.length == 3) {
      ex.json(200, broker.batches(limit(ex.query("limit"))));
      return;
    }
    if (seg.length != 4) {
      notFound(ex, "try /v1/batches or /v1/batches/{id}");
      return;
    }
    long id = parseLong(seg[3], "batch id");
    ex.query();
    var b = broker.batch(id);
    if (b.isEmpty()) {
      ex.problem(404, "unknown-batch", "no such batch", "no batch " + id);
    } else {
      ex.json(200, b.get());
    }
  }

  private void bookRule(Exchange ex, BookRule rule) {
    switch (broker.setBookRule(rule)) {
      case BookRules.Outcome.Accepted a -> ex.json(200, new BookRuleList(a.rules()));
      case BookRules.Outcome.Refused f -> ex.problem(f.status(), f.reason(), f.title(), f.detail());
    }
  }

  private void result(Exchange ex, IntakeResult r, int okStatus) {
    switch (r) {
      case IntakeResult.Accepted a -> ex.json(okStatus, broker.answer(a.order()));
      case IntakeResult.Refused f -> {
        broker.metrics().inc("broker_orders_rejected_total", "reason", f.reason().slug());
        if (f.reason().httpStatus() == 503) {
          ex.header("Retry-After", "5");
        }
        ex.problem(f.reason().httpStatus(), f.reason().slug(), f.reason().title(), f.detail());
      }
    }
  }

  /** {@code path} without trailing slashes (no regex: this runs for every request). */
  private static String stripTrailingSlashes(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }

  private static void notFound(Exchange ex, String detail) {
    ex.problem(404, "not-found", "no such resource", detail);
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new MethodNotAllowed(allowed);
    }
  }

  /**
   * An address in a path or a query, typed or pasted by a person: one in mixed case must match its
   * EIP-55 checksum, so a mistyped digit is said to be one rather than read as another account
   * (whose trades, say, come back empty).
   */
  private static Address address(String s) {
    try {
      Address.of(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not an address (0x and 40 hex digits)");
    }
    return Address.parseChecked(s);
  }

  private static Bytes32 hash(String s) {
    try {
      return Bytes32.of(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not an order hash (0x and 64 hex digits)");
    }
  }

  private static int limit(Map<String, String> q) {
    return q.containsKey("limit")
        ? parseInt(q.get("limit"), "limit", 1, BrokerClient.MAX_LIMIT)
        : 100;
  }

  private static int parseInt(String s, String what, int min, int max) {
    long v = parseLong(s, what);
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " must be in " + min + ".." + max);
    }
    return (int) v;
  }

  private static long parseLong(String s, String what) {
    if (s.startsWith("+")) {
      // Long.parseLong takes "+1"; the API's integers are digits, as the OpenAPI document says
      throw new IllegalArgumentException(what + " is not a number: '" + s + "'");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a number: '" + s + "'");
    }
  }

  /**
   * The body of a POST that carries a JSON record. A body sent as anything else, or with no
   * Content-Type, is refused (415) rather than parsed: curl's {@code -d} sends a form, and a form
   * that happened to parse would be read as something its sender did not write.
   */
  private static String jsonBody(Exchange ex) {
    String body = ex.body(); // a body over the limit is a 413 first
    String type = ex.requestHeader("Content-Type");
    if (!isJson(type)) {
      throw new NotJson(
          (type == null
                  ? "the request has no Content-Type"
                  : "the request's Content-Type is '" + mediaType(type) + "'")
              + "; send the body as JSON with Content-Type: application/json (curl -d sends"
              + " application/x-www-form-urlencoded unless given -H 'Content-Type:"
              + " application/json')");
    }
    return body;
  }

  /**
   * Whether a Content-Type names JSON: {@code application/json}, any parameters (charset) aside.
   */
  private static boolean isJson(String contentType) {
    return contentType != null && mediaType(contentType).equalsIgnoreCase("application/json");
  }

  /** A Content-Type without its parameters, cut short if a client sent a long one. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return media.length() > 100 ? media.substring(0, 100) + "…" : media;
  }

  private static final class NotJson extends RuntimeException {
    final String detail;

    NotJson(String detail) {
      super(null, null, false, false);
      this.detail = detail;
    }
  }

  private static final class MethodNotAllowed extends RuntimeException {
    final String allowed;

    MethodNotAllowed(String allowed) {
      super(null, null, false, false);
      this.allowed = allowed;
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the broker API: {}", e.getMessage());
    }
  }
}

package org.spectrumledger.broker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.broker.BrokerApi;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.intake.Rejection;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;

/**
 * The broker's HTTP/JSON API, version 1, on the JDK's HTTP server with a virtual thread per
 * request. Errors are {@code application/problem+json} (RFC 9457) with the reason as a slug; no
 * request, however malformed, gets a 5xx unless the broker itself failed.
 */
public final class HttpApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** Largest request body accepted. */
  public static final int MAX_BODY = 16 * 1024;

  private final BrokerApi broker;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Route> extra = new ArrayList<>();

  /** A handler for paths under a prefix that another module adds (the explorer). */
  public interface Route {
    String prefix();

    void handle(HttpExchange exchange, String path) throws IOException;
  }

  public HttpApi(BrokerApi broker, String host, int port) throws IOException {
    this.broker = broker;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /** Adds a route; call before {@link #start()}. */
  public HttpApi route(Route route) {
    extra.add(route);
    return this;
  }

  public HttpApi start() {
    server.start();
    LOG.info(
        "broker API listening on http://{}:{}/v1", server.getAddress().getHostString(), port());
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void dispatch(HttpExchange ex) {
    try {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      for (Route r : extra) {
        if (path.startsWith(r.prefix())) {
          r.handle(ex, path);
          return;
        }
      }
      route(ex, method, path);
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
      try {
        problem(
            ex,
            500,
            "internal-error",
            "the broker failed",
            "the broker failed to handle the request; see its log");
      } catch (IOException ignored) {
        // nothing more to tell a client that is gone
      }
    }
  }

  private void route(HttpExchange ex, String method, String path) throws IOException {
    String[] seg = path.replaceAll("/+$", "").split("/");
    // seg[0] is empty (leading slash)
    if (path.equals("/health") || path.equals("/metrics")) {
      if (!method.equals("GET")) {
        ex.getResponseHeaders().set("Allow", "GET");
        problem(
            ex,
            405,
            "method-not-allowed",
            "method not allowed",
            method + " is not allowed here; use GET");
      } else if (path.equals("/health")) {
        json(ex, 200, Map.of("status", "up"));
      } else {
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", broker.metrics().scrape());
      }
      return;
    }
    if (seg.length < 3 || !seg[1].equals("v1")) {
      problem(
          ex,
          404,
          "not-found",
          "no such resource",
          "no resource at " + path + "; the API is under /v1");
      return;
    }
    try {
      switch (seg[2]) {
        case "info" -> {
          requireMethod(ex, method, "GET");
          json(ex, 200, broker.info());
        }
        case "orders" -> orders(ex, method, seg);
        case "cancels" -> {
          requireMethod(ex, method, "POST");
          CancelRequest c = Json.MAPPER.readValue(body(ex), CancelRequest.class);
          IntakeResult r = broker.cancel(c.makerAddress(), c.nonceValue(), c.signatureValue());
          result(ex, r, 200);
        }
        case "markets" -> markets(ex, method, seg);
        case "trades" -> {
          requireMethod(ex, method, "GET");
          Map<String, String> q = query(ex.getRequestURI());
          Address maker = q.containsKey("maker") ? Address.of(q.get("maker")) : null;
          MarketKey market = q.containsKey("market") ? MarketKey.parse(q.get("market")) : null;
          List<Map<String, Object>> out = new ArrayList<>();
          for (BrokerStore.Trade t : broker.trades(maker, market, limit(q))) {
            out.add(tradeJson(t));
          }
          json(ex, 200, Map.of("trades", out));
        }
        case "batches" -> batches(ex, method, seg);
        case "operators" -> {
          if (seg.length == 5 && seg[4].equals("fills")) {
            requireMethod(ex, method, "GET");
            Address operator = Address.of(seg[3]);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            broker.fills().stream(operator, ex.getResponseBody());
          } else {
            problem(ex, 404, "not-found", "no such resource", "try /v1/operators/{address}/fills");
          }
        }
        default -> problem(ex, 404, "not-found", "no such resource", "no resource at " + path);
      }
    } catch (MethodNotAllowed e) {
      ex.getResponseHeaders().set("Allow", e.allowed);
      problem(
          ex,
          405,
          "method-not-allowed",
          "method not allowed",
          method + " is not allowed here; use " + e.allowed);
    } catch (BodyTooLarge e) {
      problem(
          ex,
          413,
          "body-too-large",
          "request body too large",
          "bodies are limited to " + MAX_BODY + " bytes");
    } catch (JsonProcessingException e) {
      problem(
          ex,
          400,
          Rejection.MALFORMED.slug(),
          Rejection.MALFORMED.title(),
          "malformed JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      problem(ex, 400, Rejection.MALFORMED.slug(), Rejection.MALFORMED.title(), e.getMessage());
    }
  }

  private void orders(HttpExchange ex, String method, String[] seg) throws IOException {
    if (seg.length == 3) {
      if (method.equals("POST")) {
        OrderRequest req = Json.MAPPER.readValue(body(ex), OrderRequest.class);
        IntakeResult r = broker.submit(req.toSignedOrder(), req.chainId(), req.exchangeAddress());
        result(ex, r, 202);
      } else if (method.equals("GET")) {
        Map<String, String> q = query(ex.getRequestURI());
        if (!q.containsKey("maker")) {
          throw new IllegalArgumentException("GET /v1/orders needs ?maker=ADDRESS");
        }
        json(ex, 200, Map.of("orders", broker.ordersOf(Address.of(q.get("maker")), limit(q))));
      } else {
        throw new MethodNotAllowed("GET, POST");
      }
      return;
    }
    requireMethod(ex, method, "GET");
    Bytes32 hash = Bytes32.of(seg[3]);
    var view = broker.order(hash);
    if (view.isEmpty()) {
      problem(
          ex,
          404,
          Rejection.UNKNOWN_ORDER.slug(),
          Rejection.UNKNOWN_ORDER.title(),
          "no order " + hash);
    } else {
      json(ex, 200, view.get());
    }
  }

  private void markets(HttpExchange ex, String method, String[] seg) throws IOException {
    requireMethod(ex, method, "GET");
    if (seg.length == 3) {
      json(ex, 200, Map.of("markets", broker.markets()));
    } else if (seg.length == 5 && seg[4].equals("depth")) {
      MarketKey m = MarketKey.parse(URLDecoder.decode(seg[3], StandardCharsets.UTF_8));
      Map<String, String> q = query(ex.getRequestURI());
      int levels = q.containsKey("levels") ? parseInt(q.get("levels"), "levels", 1, 1000) : 10;
      json(ex, 200, broker.depth(m, levels));
    } else {
      problem(
          ex,
          404,
          "not-found",
          "no such resource",
          "try /v1/markets or /v1/markets/{band/cell/start-end}/depth");
    }
  }

  private void batches(HttpExchange ex, String method, String[] seg) throws IOException {
    requireMethod(ex, method, "GET");
    if (seg.length == 3) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (BatchRecord b : broker.batches(limit(query(ex.getRequestURI())))) {
        out.add(batchJson(b, null));
      }
      json(ex, 200, Map.of("batches", out));
      return;
    }
    long id = parseLong(seg[3], "batch id");
    var b = broker.batch(id);
    if (b.isEmpty()) {
      problem(ex, 404, "unknown-batch", "no such batch", "no batch " + id);
    } else {
      json(ex, 200, batchJson(b.get(), broker.clearingsOfBatch(id)));
    }
  }

  /** JSON of a batch, with its clearings when given. */
  public static Map<String, Object> batchJson(BatchRecord b, List<ClearingRecord> clearings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("batchId", b.batchId());
    m.put("status", b.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("txHash", b.txHash() == null ? null : b.txHash().hex());
    m.put("block", b.block());
    m.put("gasUsed", b.gasUsed());
    m.put("fills", b.fills());
    m.put("createdAt", b.createdAt());
    m.put("settledAt", b.settledAt());
    m.put("error", b.error());
    if (clearings != null) {
      List<Map<String, Object>> cs = new ArrayList<>();
      for (ClearingRecord c : clearings) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("clearingId", c.id());
        cm.put("market", c.market().toString());
        cm.put("price", c.price());
        cm.put("volume", c.volume());
        cm.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> fills = new ArrayList<>();
        for (FillRecord f : c.fills()) {
          fills.add(fillJson(f));
        }
        cm.put("fills", fills);
        cs.add(cm);
      }
      m.put("clearings", cs);
    }
    return m;
  }

  public static Map<String, Object> fillJson(FillRecord f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fillId", f.id());
    m.put("clearingId", f.clearingId());
    m.put("orderHash", f.orderHash().hex());
    m.put("maker", f.maker().hex());
    m.put("side", f.side().name().toLowerCase(java.util.Locale.ROOT));
    m.put("quantity", f.quantity());
    m.put("price", f.price());
    if (f.receipt() != null) {
      m.put("receipt", f.receipt());
    }
    return m;
  }

  public static Map<String, Object> tradeJson(BrokerStore.Trade t) {
    Map<String, Object> m = fillJson(t.fill());
    m.put("market", t.market().toString());
    m.put("batchId", t.batchId());
    m.put("txHash", t.txHash() == null ? null : t.txHash().hex());
    m.put("settledAt", t.settledAt());
    return m;
  }

  private void result(HttpExchange ex, IntakeResult r, int okStatus) throws IOException {
    switch (r) {
      case IntakeResult.Accepted a -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderHash", a.order().orderHash().hex());
        body.put("status", a.order().status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("market", a.order().order().order().market().toString());
        if (a.order().status() != org.spectrumledger.broker.store.OrderState.OPEN
            || a.order().matched() > 0
            || broker.isNearRt(a.order())) {
          broker.order(a.order().orderHash()).ifPresent(v -> body.put("fills", v.get("fills")));
        }
        json(ex, okStatus, body);
      }
      case IntakeResult.Refused f -> {
        broker.metrics().inc("broker_orders_rejected_total", "reason", f.reason().slug());
        problem(ex, f.reason().httpStatus(), f.reason().slug(), f.reason().title(), f.detail());
      }
    }
  }

  private static void requireMethod(HttpExchange ex, String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new MethodNotAllowed(allowed);
    }
  }

  private static String body(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > MAX_BODY) {
          throw new BodyTooLarge();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Content-Length is not a number");
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] data = in.readNBytes(MAX_BODY + 1);
      if (data.length > MAX_BODY) {
        throw new BodyTooLarge();
      }
      if (data.length == 0) {
        throw new IllegalArgumentException("the request body is empty; send a JSON object");
      }
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /** The decoded query parameters of {@code uri} (the last of a repeated name wins). */
  public static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static int limit(Map<String, String> q) {
    return q.containsKey("limit") ? parseInt(q.get("limit"), "limit", 1, 1000) : 100;
  }

  private static int parseInt(String s, String what, int min, int max) {
    long v = parseLong(s, what);
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " must be in " + min + ".." + max);
    }
    return (int) v;
  }

  private static long parseLong(String s, String what) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a number: '" + s + "'");
    }
  }

  static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", Json.write(body));
  }

  /** Writes an RFC 9457 problem. */
  public static void problem(HttpExchange ex, int status, String slug, String title, String detail)
      throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "https://spectrumledger.org/problems/" + slug);
    p.put("title", title);
    p.put("status", status);
    p.put("detail", detail);
    p.put("reason", slug);
    send(ex, status, "application/problem+json", Json.write(p));
  }

  static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static final class MethodNotAllowed extends RuntimeException {
    final String allowed;

    MethodNotAllowed(String allowed) {
      super(null, null, false, false);
      this.allowed = allowed;
    }
  }

  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super(null, null, false, false);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package org.spectrumledger.broker.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spectrumledger.broker.BrokerApi;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.http.Exchange;
import org.spectrumledger.broker.http.HttpApi;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.explorer.Explorer;

/**
 * The explorer at {@code /explorer}: a single page (HTML, JavaScript, CSS from the classpath) and
 * its JSON under {@code /explorer/api/}. Chain data comes through ledger-client's {@link Explorer};
 * order-book depth from the broker. Bad input is a 400 with a message the page shows.
 */
public final class ExplorerRoutes implements HttpApi.Route {

  private static final Map<String, String> TYPES =
      Map.of(
          "html",
          "text/html; charset=utf-8",
          "js",
          "text/javascript; charset=utf-8",
          "css",
          "text/css; charset=utf-8");

  private final Explorer explorer;
  private final BrokerApi broker;

  public ExplorerRoutes(Explorer explorer, BrokerApi broker) {
    this.explorer = explorer;
    this.broker = broker;
  }

  @Override
  public String prefix() {
    return "/explorer";
  }

  @Override
  public void handle(Exchange ex, String path) throws IOException {
    if (!ex.method().equals("GET")) {
      ex.problem(405, "method-not-allowed", "method not allowed", "the explorer only answers GET");
      return;
    }
    if (path.startsWith("/explorer/api/")) {
      api(ex, path.substring("/explorer/api/".length()));
      return;
    }
    String file =
        path.equals("/explorer") || path.equals("/explorer/")
            ? "index.html"
            : path.substring("/explorer/".length());
    if (!file.matches("[a-z]+\\.(html|js|css)")) {
      ex.problem(404, "not-found", "no such page", "no explorer file " + file);
      return;
    }
    try (InputStream in = ExplorerRoutes.class.getResourceAsStream("/explorer/" + file)) {
      if (in == null) {
        ex.problem(404, "not-found", "no such page", "no explorer file " + file);
        return;
      }
      ex.send(200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), in.readAllBytes());
    }
  }

  private void api(Exchange ex, String rest) {
    String[] seg = rest.split("/", 2);
    String arg = seg.length > 1 ? URLDecoder.decode(seg[1], StandardCharsets.UTF_8) : "";
    try {
      Object body =
          switch (seg[0]) {
            case "overview" -> explorer.overview(12, 20);
            case "tx" -> explorer.transaction(parseHash(arg));
            case "operator" -> explorer.operator(parseAddress(arg));
            case "market" -> market(MarketKey.parse(arg));
            case "batch" -> batch(arg);
            case "order" -> order(parseHash(arg));
            case "sensing" -> sensing(arg);
            case "search" -> search(ex.query().getOrDefault("q", ""));
            default -> throw new IllegalArgumentException("no explorer view '" + seg[0] + "'");
          };
      ex.json(200, body);
    } catch (IllegalArgumentException e) {
      ex.problem(400, "bad-request", "cannot show that", e.getMessage());
    } catch (LedgerException e) {
      ex.problem(503, "ledger-unavailable", "the ledger cannot be read", e.getMessage());
    }
  }

  private Map<String, Object> market(MarketKey m) {
    Map<String, Object> out = new LinkedHashMap<>(explorer.market(m));
    out.put("depth", broker.depth(m, 10));
    return out;
  }

  /** Bands and cells as the search box takes them: {@code 4} or {@code 4/0x7}. */
  private static final java.util.regex.Pattern BAND_CELL =
      java.util.regex.Pattern.compile("(\\d+)(?:/(0x[0-9a-fA-F]+|\\d+))?");

  /**
   * What the chain knows (a transaction, a settled order, an address, a market), else an order
   * still at this broker, else a band or a band and cell (its sensing reports).
   */
  private Object search(String query) {
    String q = query.strip();
    if (BAND_CELL.matcher(q).matches()) {
      return Map.of("kind", "sensing", "key", q);
    }
    try {
      return explorer.search(q);
    } catch (IllegalArgumentException e) {
      if (q.matches("0x[0-9a-fA-F]{64}")) {
        Bytes32 h = Bytes32.of(q);
        if (broker.order(h).isPresent()) {
          return Map.of("kind", "order", "key", h.hex());
        }
        throw new IllegalArgumentException(
            "no transaction, no settled order and no order at this broker with hash " + h);
      }
      throw e;
    }
  }

  /**
   * An order at this broker, by hash: its market, side, size, status and progress. Its limit is not
   * shown while it may still trade.
   */
  private Map<String, Object> order(Bytes32 hash) {
    OrderView o =
        broker
            .order(hash)
            .orElseThrow(
                () -> new IllegalArgumentException("no order " + hash + " at this broker"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("orderHash", o.orderHash().hex());
    out.put("maker", o.maker().hex());
    out.put("side", o.side().name().toLowerCase(java.util.Locale.ROOT));
    out.put("market", o.market().toString());
    out.put("timescale", o.timescale().name());
    out.put("sru", new java.math.BigDecimal(TokenAmounts.sru(o.quantity())));
    out.put("matchedSru", new java.math.BigDecimal(TokenAmounts.sru(o.matched())));
    out.put("settledSru", new java.math.BigDecimal(TokenAmounts.sru(o.settled())));
    out.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
    out.put("validUntil", o.validUntil());
    out.put("partialFill", o.partialFill());
    return out;
  }

  private Map<String, Object> sensing(String arg) {
    java.util.regex.Matcher m = BAND_CELL.matcher(arg);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + arg + "' is not a band or a band and cell (4, or 4/0x7)");
    }
    long band = Long.parseLong(m.group(1));
    Long cell = m.group(2) == null ? null : CellId.parse(m.group(2)).value();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("band", band);
    if (cell != null) {
      out.put("cell", new CellId(cell).toString());
    }
    out.put("reports", explorer.sensingReports(band, cell, 200));
    return out;
  }

  private Object batch(String id) {
    long batchId;
    try {
      batchId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a batch id: '" + id + "'");
    }
    return broker
        .batch(batchId)
        .orElseThrow(() -> new IllegalArgumentException("no batch " + batchId + " at this broker"));
  }

  private static Bytes32 parseHash(String s) {
    try {
      return Bytes32.of(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a transaction hash (0x and 64 hex digits)");
    }
  }

  private static Address parseAddress(String s) {
    try {
      return Address.of(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not an address (0x and 40 hex digits)");
    }
  }
}

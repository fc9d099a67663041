package org.spectrumledger.broker.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spectrumledger.broker.BrokerApi;
import org.spectrumledger.broker.http.Exchange;
import org.spectrumledger.broker.http.HttpApi;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.explorer.Explorer;

/**
 * The explorer at {@code /explorer}: a single page (HTML, JavaScript, CSS from the classpath) and
 * its JSON under {@code /explorer/api/}. Chain data comes through ledger-client's {@link Explorer};
 * order-book depth from the broker, for a lit market only (a sealed book shows as sealed). Bad
 * input is a 400 with a message the page shows.
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
            case "search" -> explorer.search(ex.query().getOrDefault("q", ""));
            default -> throw new IllegalArgumentException("no explorer view '" + seg[0] + "'");
          };
      ex.json(200, body);
    } catch (IllegalArgumentException e) {
      ex.problem(400, "bad-request", "cannot show that", e.getMessage());
    } catch (LedgerException e) {
      ex.problem(503, "ledger-unavailable", "the ledger cannot be read", e.getMessage());
    }
  }

  /** A market from the chain, and its book only if it is lit (null, shown as sealed, if not). */
  private Map<String, Object> market(MarketKey m) {
    Map<String, Object> out = new LinkedHashMap<>(explorer.market(m));
    var depth = broker.depth(m, 10);
    out.put("lit", depth.isPresent());
    out.put("depth", depth.orElse(null));
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

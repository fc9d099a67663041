package org.spectrumledger.broker.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.spectrumledger.broker.BrokerApi;
import org.spectrumledger.broker.api.ExplorerPages.MarketPage;
import org.spectrumledger.broker.api.ExplorerPages.SensingPage;
import org.spectrumledger.broker.http.Exchange;
import org.spectrumledger.broker.http.HttpApi;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.explorer.Explorer;
import org.spectrumledger.ledger.explorer.ExplorerViews;

/**
 * The explorer at {@code /explorer}: a single page (HTML, JavaScript, CSS from the classpath) and
 * its JSON under {@code /explorer/api/}. Chain data comes through ledger-client's {@link Explorer};
 * order-book depth from the broker, for a lit market only (a sealed book shows as sealed); the
 * broker court's terms and a broker's bond and convictions ({@code court}, this broker unless an
 * address follows). Bad input is a 400 with a message the page shows; a well-formed hash or id that
 * names nothing is a 404.
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
      ex.header("Allow", "GET"); // RFC 9110: a 405 says which methods the resource takes
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
    String arg = seg.length > 1 ? Exchange.decode(seg[1], "the explorer path") : "";
    try {
      if (!seg[0].equals("search")) {
        ex.query(); // only the search takes a parameter: any other is a mistake, said so
      }
      Object body =
          switch (seg[0]) {
            case "overview" -> explorer.overview(12, 20);
            case "tx" -> transaction(parseHash(arg));
            case "operator" -> explorer.operator(parseAddress(arg));
            case "market" -> market(MarketKey.parse(arg));
            case "batch" -> batch(arg);
            case "sensing" -> sensing(arg);
            case "court" ->
                explorer.court(arg.isEmpty() ? broker.info().broker() : parseAddress(arg));
            case "search" -> search(ex.query("q").getOrDefault("q", ""));
            default -> throw new IllegalArgumentException("no explorer view '" + seg[0] + "'");
          };
      ex.json(200, body);
    } catch (NotFound e) {
      ex.problem(404, "not-found", "nothing by that name", e.getMessage());
    } catch (IllegalArgumentException e) {
      ex.problem(400, "bad-request", "cannot show that", e.getMessage());
    } catch (org.spectrumledger.ledger.LedgerUnavailableException e) {
      // as the order intake answers: when to try again, and not the broker's own node address
      ex.header("Retry-After", "5");
      ex.problem(
          503,
          "ledger-unavailable",
          "the ledger cannot be read",
          "the broker cannot reach its ledger node; try again shortly");
    } catch (org.spectrumledger.ledger.NoContractException e) {
      ex.header("Retry-After", "5");
      ex.problem(
          503,
          "ledger-unavailable",
          "the ledger cannot be read",
          "the deployment's contracts are not on the chain the broker's ledger node serves (a"
              + " restarted chain, or a deployment record for another chain); try again shortly");
    } catch (LedgerException e) {
      ex.problem(503, "ledger-unavailable", "the ledger cannot be read", e.getMessage());
    }
  }

  /** Well-formed, and naming nothing the chain or the broker knows: a 404, not a 400. */
  private static final class NotFound extends IllegalArgumentException {
    NotFound(String message) {
      super(message);
    }
  }

  private Object transaction(Bytes32 hash) {
    try {
      return explorer.transaction(hash);
    } catch (IllegalArgumentException e) {
      throw new NotFound(e.getMessage());
    }
  }

  /** A market from the chain, and its book only if it is lit (null, shown as sealed, if not). */
  private MarketPage market(MarketKey m) {
    var depth = broker.depth(m, 10);
    return new MarketPage(explorer.market(m), depth.isPresent(), depth.orElse(null));
  }

  /** Bands and cells as the search box takes them: {@code 4} or {@code 4/0x7}. */
  private static final java.util.regex.Pattern BAND_CELL =
      java.util.regex.Pattern.compile("(\\d+)(?:/(0x[0-9a-fA-F]+|\\d+))?");

  /**
   * What the chain knows (a transaction, a settled order, an address, a market), or a band or a
   * band and cell (its sensing reports). An order still open is its maker's alone until its auction
   * clears (sealed bids: the broker shows it only to a request its maker signed), so a hash the
   * chain does not know is answered with where to look instead.
   */
  private Object search(String query) {
    String q = query.strip();
    if (BAND_CELL.matcher(q).matches()) {
      return new ExplorerViews.Search("sensing", q, null);
    }
    try {
      return explorer.search(q);
    } catch (IllegalArgumentException e) {
      if (q.matches("0x[0-9a-fA-F]{64}")) {
        throw new NotFound(
            e.getMessage()
                + ". An order still open is private to its maker until its auction clears"
                + " (sealed bids): its maker sees it with 'spectrum operator orders'; once it"
                + " settles, this search finds it");
      }
      throw e;
    }
  }

  private SensingPage sensing(String arg) {
    java.util.regex.Matcher m = BAND_CELL.matcher(arg);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + arg + "' is not a band or a band and cell (4, or 4/0x7)");
    }
    long band;
    try {
      band = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("band " + m.group(1) + " is not a uint32");
    }
    Long cell = m.group(2) == null ? null : CellId.parse(m.group(2)).value();
    return new SensingPage(
        band,
        cell == null ? null : new CellId(cell).toString(),
        explorer.sensingReports(band, cell, 200));
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
        .orElseThrow(() -> new NotFound("no batch " + batchId + " at this broker"));
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
      Address.of(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not an address (0x and 40 hex digits)");
    }
    return Address.parseChecked(s); // a mixed-case one must match its EIP-55 checksum
  }
}

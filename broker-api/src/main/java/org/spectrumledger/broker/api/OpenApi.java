package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.explorer.ExplorerViews;

/**
 * The OpenAPI 3.1 document of the broker's API, served at {@code /v1/openapi.json}. Its schemas are
 * derived from the wire records themselves (a component is required and non-null unless marked
 * {@link Nullable}; no other property is allowed), so the document cannot drift from what the
 * broker writes; the paths, their parameters and which record each status answers with are declared
 * here. Tests check every response they see against it. The transaction explorer's JSON (tag
 * {@value #EXPLORER_TAG}, under {@code /explorer/api/}) is in it too, its schemas derived from
 * ledger-client's {@link ExplorerViews} and {@link ExplorerPages} the same way.
 */
public final class OpenApi {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The statuses every operation documents, since any request may be answered with them. */
  public static final List<String> ANY_REQUEST =
      List.of("400", "405", "413", "414", "431", "500", "503");

  private static final ObjectNode DOCUMENT = build();

  private OpenApi() {}

  /** The document (a fresh copy). */
  public static ObjectNode document() {
    return DOCUMENT.deepCopy();
  }

  private static ObjectNode build() {
    ObjectNode doc = F.objectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "SpectrumLedger broker");
    info.put("version", "1");
    info.put(
        "description",
        "Signed spectrum orders in, uniform-price auctions per market, verified batch settlement"
            + " on chain. Quantities are milli-SRU, prices token base units per SRU, slot bounds"
            + " and validUntil unix seconds, createdAt and settledAt unix milliseconds. Every 64-"
            + " and 128-bit integer is written as a decimal string and read from a decimal string"
            + " or a JSON number; an order's nonce and validUntil are read across the uint64 range"
            + " (a validUntil past the broker's horizon, horizonSeconds in /v1/info, is refused as"
            + " too-far-ahead), its limitPrice across the uint128 range. An order is named by its"
            + " orderHash: the EIP-712 digest its maker signed (the exchange's hashOrder, ethers'"
            + " TypedDataEncoder.hash). Request bodies are JSON, sent with Content-Type:"
            + " application/json (415 unsupported-media-type otherwise); a field its schema does"
            + " not name is refused (400 malformed). An answer may gain fields in a later v1"
            + " broker: a client skips those it does not know. Errors are"
            + " application/problem+json (RFC 9457) with a stable reason slug. An"
            + " operator's own views (its orders, its fill stream) need a request signed with its"
            + " key (security scheme operatorSignature); a non-RT auction's book is sealed until it"
            + " clears, a near-RT one unless the regulator's rules (in /v1/info) light it.");
    ObjectNode paths = doc.putObject("paths");
    Deque<Class<?>> todo = new ArrayDeque<>();

    get(paths, "/health", "liveness: the broker's process answers", Health.class, todo);
    ObjectNode ready =
        operation(
            paths.putObject("/ready"),
            "get",
            "readiness: the broker can take orders (its chain node answers, and its chain holds the"
                + " deployment's contracts); 503 when it cannot");
    respond(ready, "200", "ready", Health.class, todo);
    problems(ready, todo, "503");
    ObjectNode metrics =
        operation(
            paths.putObject("/metrics"),
            "get",
            "Prometheus metrics, to clients on the broker's own host only (its counts would tell"
                + " of sealed books)");
    metrics
        .putObject("responses")
        .putObject("200")
        .put("description", "Prometheus text")
        .putObject("content")
        .putObject("text/plain")
        .putObject("schema")
        .put("type", "string");
    problems(metrics, todo, "403");
    ObjectNode openapi = operation(paths.putObject("/v1/openapi.json"), "get", "this document");
    openapi
        .putObject("responses")
        .putObject("200")
        .put("description", "OpenAPI 3.1")
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("type", "object");
    problems(openapi, todo);
    get(paths, "/v1/info", "the deployment and the trading grid", BrokerInfo.class, todo);

    ObjectNode orders = paths.putObject("/v1/orders");
    ObjectNode post = operation(orders, "post", "submit a signed order");
    post.put(
        "description",
        "Checked in this order, each refusal a problem with its reason: 415"
            + " unsupported-media-type (a body sent without Content-Type: application/json), 400"
            + " malformed, wrong-domain, lot-size, too-large (more than 4,294,967.295 SRU, what one"
            + " operator can hold in a market, alone or with the maker's open bids there),"
            + " tick-size, bad-signature, expired (valid for"
            + " less than minValiditySeconds in /v1/info more, 2 s by default), slot-ended, too-far-ahead (its slot starts, or its validUntil"
            + " lies, more than the broker's horizon after now: horizonSeconds in /v1/info, 366"
            + " days unless the broker is set otherwise; the detail says when a value looks like"
            + " milliseconds), 403 unknown-operator, suspended, 409 nonce-cancelled, market-closed, 400"
            + " limit-below-fee, 409 self-trade, insufficient-escrow, insufficient-holdings,"
            + " duplicate, 503 chain-unavailable.");
    body(post, OrderSubmission.class, todo);
    respond(post, "202", "accepted, stored before this answer", OrderAccepted.class, todo);
    problems(post, todo, "400", "403", "409", "413", "415", "503");
    ObjectNode list =
        operation(orders, "get", "a maker's latest orders, to the maker's signed request");
    signed(list);
    query(list, "maker", true, address());
    query(list, "limit", false, F.objectNode().put("type", "integer"));
    respond(list, "200", "orders, newest first", OrderList.class, todo);
    problems(list, todo, "400", "401", "403");

    ObjectNode one =
        operation(
            paths.putObject("/v1/orders/{orderHash}"),
            "get",
            "one order, to its maker's signed request (404 to anyone else)");
    signed(one);
    pathParam(one, "orderHash", bytes32());
    respond(one, "200", "the order and its fills", OrderView.class, todo);
    problems(one, todo, "400", "401", "404");

    ObjectNode cancel = operation(paths.putObject("/v1/cancels"), "post", "a signed cancel");
    cancel.put(
        "description",
        "Refused as 415 unsupported-media-type (a body sent without Content-Type:"
            + " application/json), 400 malformed or bad-signature, 404 unknown-order, 409"
            + " not-cancellable.");
    body(cancel, CancelSubmission.class, todo);
    respond(cancel, "200", "taken out of the book", OrderAccepted.class, todo);
    problems(cancel, todo, "400", "404", "409", "415");

    get(paths, "/v1/markets", "markets with books or recent clearings", MarketList.class, todo);
    for (String path :
        List.of("/v1/markets/{market}/depth", "/v1/markets/{band}/{cell}/{slot}/depth")) {
      ObjectNode depth =
          operation(
              paths.putObject(path),
              "get",
              "a lit market's book (403 book-sealed for a sealed one, whatever its book holds)");
      if (path.contains("{market}")) {
        pathParam(depth, "market", marketKey());
      } else {
        pathParam(depth, "band", F.objectNode().put("type", "string").put("pattern", "^\\d+$"));
        pathParam(depth, "cell", F.objectNode().put("type", "string"));
        pathParam(
            depth, "slot", F.objectNode().put("type", "string").put("pattern", "^\\d+-\\d+$"));
      }
      query(depth, "levels", false, F.objectNode().put("type", "integer"));
      respond(depth, "200", "open quantity per price level", DepthView.class, todo);
      problems(depth, todo, "400", "403", "404");
    }

    for (String path :
        List.of(
            "/v1/markets/{market}/auctions/{cutoff}",
            "/v1/markets/{band}/{cell}/{slot}/auctions/{cutoff}")) {
      ObjectNode auction =
          operation(
              paths.putObject(path),
              "get",
              "a cleared auction's book, to check against its commitment on chain: the filled"
                  + " orders in full, the rest by leaf hash");
      if (path.contains("{market}")) {
        pathParam(auction, "market", marketKey());
      } else {
        pathParam(auction, "band", F.objectNode().put("type", "string").put("pattern", "^\\d+$"));
        pathParam(auction, "cell", F.objectNode().put("type", "string"));
        pathParam(
            auction, "slot", F.objectNode().put("type", "string").put("pattern", "^\\d+-\\d+$"));
      }
      pathParam(auction, "cutoff", F.objectNode().put("type", "integer"));
      respond(auction, "200", "the auction's published book", AuctionBookView.class, todo);
      problems(auction, todo, "400", "404");
    }

    ObjectNode trades = operation(paths.putObject("/v1/trades"), "get", "settled fills");
    query(trades, "maker", false, address());
    query(trades, "market", false, marketKey());
    query(trades, "limit", false, F.objectNode().put("type", "integer"));
    respond(trades, "200", "newest first", TradeList.class, todo);
    problems(trades, todo, "400");

    ObjectNode batches = operation(paths.putObject("/v1/batches"), "get", "settlement batches");
    query(batches, "limit", false, F.objectNode().put("type", "integer"));
    respond(batches, "200", "newest first", BatchList.class, todo);
    problems(batches, todo, "400");
    ObjectNode batch = operation(paths.putObject("/v1/batches/{batchId}"), "get", "one batch");
    pathParam(batch, "batchId", F.objectNode().put("type", "integer"));
    respond(batch, "200", "with its clearings", BatchView.class, todo);
    problems(batch, todo, "400", "404");

    ObjectNode stream =
        operation(
            paths.putObject("/v1/operators/{address}/fills"),
            "get",
            "an operator's fill stream, to the operator's signed request; it ends when the"
                + " request expires");
    signed(stream);
    pathParam(stream, "address", address());
    stream
        .putObject("responses")
        .putObject("200")
        .put(
            "description",
            "server-sent events: 'fill' and 'settled' carry a FillView, 'dropped' a DroppedFill")
        .putObject("content")
        .putObject("text/event-stream")
        .putObject("schema")
        .put("type", "string");
    todo.add(FillView.class);
    todo.add(DroppedFill.class);
    problems(stream, todo, "400", "401", "403");

    ObjectNode rule =
        operation(
            paths.putObject("/v1/rules/books"),
            "post",
            "the regulator's signed rule on which near-RT books are lit");
    body(rule, BookRule.class, todo);
    respond(rule, "200", "the rules in force", BookRuleList.class, todo);
    problems(rule, todo, "400", "403", "409", "415");

    explorer(paths, todo);
    doc.putArray("tags")
        .addObject()
        .put("name", EXPLORER_TAG)
        .put(
            "description",
            "The transaction explorer's JSON, which its page at /explorer reads: a read-only view of"
                + " the chain (blocks, transactions decoded, operators, markets, sensing reports, the"
                + " broker court), with a lit market's book and a batch from this broker. Not the"
                + " trading API: nothing here takes an order or a signature. Amounts in tokens and"
                + " quantities in SRU are JSON numbers (exact decimals); 64-bit integers are decimal"
                + " strings, as in /v1 (a pending transaction's block is -1). A bad name is 400"
                + " bad-request, a well-formed hash or id that names nothing 404 not-found, an"
                + " unreachable ledger 503 ledger-unavailable.");

    doc.putObject("components")
        .putObject("securitySchemes")
        .putObject(SECURITY_SCHEME)
        .put("type", "http")
        .put("scheme", RequestAuthorization.SCHEME)
        .put(
            "description",
            "Authorization: EIP712 account=0x…, expires=UNIX_SECONDS, nonce=UINT64,"
                + " signature=0x… (65 bytes r‖s‖v): the account's EIP-712 signature of "
                + org.spectrumledger.ledger.OffChainMessages.REQUEST_TYPE
                + " under the exchange's domain, broker being the broker's address in /v1/info and"
                + " target the request's path and query exactly as sent. Accepted once, before it"
                + " expires and at most "
                + RequestAuthorization.MAX_LIFETIME_SECONDS
                + " s ahead of the broker's clock.");

    ObjectNode schemas = ((ObjectNode) doc.get("components")).putObject("schemas");
    Set<Class<?>> done = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      if (done.add(c)) {
        schemas.set(schemaName(c), schemaOf(c, todo));
      }
    }
    return doc;
  }

  /** The tag of the explorer's operations. */
  public static final String EXPLORER_TAG = "explorer";

  /** The explorer's JSON under {@code /explorer/api/}: GET only, its answers the explorer's. */
  private static void explorer(ObjectNode paths, Deque<Class<?>> todo) {
    ObjectNode overview =
        explorerGet(paths, "overview", "the chain's head, its latest blocks and settled batches");
    respond(overview, "200", "newest first", ExplorerViews.Overview.class, todo);
    problems(overview, todo, "400");

    ObjectNode tx =
        explorerGet(
            paths,
            "tx/{txHash}",
            "a transaction decoded: its call, arguments, events, the batch it settled or the claim"
                + " it made");
    pathParam(tx, "txHash", anyBytes32());
    respond(tx, "200", "the transaction", ExplorerViews.Transaction.class, todo);
    problems(tx, todo, "400", "404");

    ObjectNode operator =
        explorerGet(
            paths,
            "operator/{address}",
            "an operator: its registry entry, escrow, leases now and ahead, and trades");
    pathParam(operator, "address", address());
    respond(operator, "200", "the operator", ExplorerViews.Operator.class, todo);
    problems(operator, todo, "400");

    for (String path : List.of("market/{market}", "market/{band}/{cell}/{slot}")) {
      ObjectNode market =
          explorerGet(
              paths,
              path,
              "a market: its band's state, sensing, protection zones, clearings and trades, and its"
                  + " book if lit (a sealed book's depth is null)");
      marketParams(market, path);
      respond(market, "200", "the market", ExplorerPages.MarketPage.class, todo);
      problems(market, todo, "400");
    }

    ObjectNode batch =
        explorerGet(paths, "batch/{batchId}", "a batch of this broker, with its clearings");
    pathParam(batch, "batchId", F.objectNode().put("type", "integer"));
    respond(batch, "200", "the batch", BatchView.class, todo);
    problems(batch, todo, "400", "404");

    for (String path : List.of("sensing/{band}", "sensing/{band}/{cell}")) {
      ObjectNode sensing =
          explorerGet(paths, path, "the latest sensing reports of a band, or of a band and cell");
      pathParam(sensing, "band", F.objectNode().put("type", "integer"));
      if (path.contains("{cell}")) {
        pathParam(
            sensing,
            "cell",
            F.objectNode().put("type", "string").put("pattern", "^(0x[0-9a-fA-F]+|\\d+)$"));
      }
      respond(sensing, "200", "newest first", ExplorerPages.SensingPage.class, todo);
      problems(sensing, todo, "400");
    }

    for (String path : List.of("court", "court/{address}")) {
      ObjectNode court =
          explorerGet(
              paths,
              path,
              "the broker court's terms and a broker's bond, its history and convictions (this"
                  + " broker unless an address follows)");
      if (path.contains("{address}")) {
        pathParam(court, "address", address());
      }
      respond(court, "200", "the broker's standing", ExplorerViews.Court.class, todo);
      problems(court, todo, "400");
    }

    ObjectNode search =
        explorerGet(
            paths,
            "search",
            "where a search goes: a transaction or order hash, an address, a market key, a band or"
                + " a band and cell (404 for a hash the chain does not know: an open order is its"
                + " maker's alone until its auction clears)");
    query(search, "q", false, F.objectNode().put("type", "string"));
    respond(search, "200", "the view to open", ExplorerViews.Search.class, todo);
    problems(search, todo, "400", "404");
  }

  private static ObjectNode explorerGet(ObjectNode paths, String path, String summary) {
    ObjectNode op = operation(paths.putObject("/explorer/api/" + path), "get", summary);
    op.putArray("tags").add(EXPLORER_TAG);
    return op;
  }

  private static void marketParams(ObjectNode op, String path) {
    if (path.contains("{market}")) {
      pathParam(op, "market", marketKey());
    } else {
      pathParam(op, "band", F.objectNode().put("type", "string").put("pattern", "^\\d+$"));
      pathParam(op, "cell", F.objectNode().put("type", "string"));
      pathParam(op, "slot", F.objectNode().put("type", "string").put("pattern", "^\\d+-\\d+$"));
    }
  }

  /** The name of the security scheme of an operator's signed request. */
  public static final String SECURITY_SCHEME = "operatorSignature";

  private static void signed(ObjectNode op) {
    op.putArray("security").addObject().putArray(SECURITY_SCHEME);
  }

  private static void get(
      ObjectNode paths, String path, String summary, Class<?> type, Deque<Class<?>> todo) {
    ObjectNode op = operation(paths.putObject(path), "get", summary);
    respond(op, "200", summary, type, todo);
    problems(op, todo);
  }

  private static ObjectNode operation(ObjectNode path, String method, String summary) {
    ObjectNode op = path.putObject(method);
    op.put("summary", summary);
    return op;
  }

  private static void body(ObjectNode op, Class<?> type, Deque<Class<?>> todo) {
    todo.add(type);
    op.putObject("requestBody")
        .put("required", true)
        .putObject("content")
        .putObject("application/json")
        .set("schema", ref(type));
  }

  private static void respond(
      ObjectNode op, String status, String description, Class<?> type, Deque<Class<?>> todo) {
    todo.add(type);
    ObjectNode responses =
        op.has("responses") ? (ObjectNode) op.get("responses") : op.putObject("responses");
    responses
        .putObject(status)
        .put("description", description)
        .putObject("content")
        .putObject("application/json")
        .set("schema", ref(type));
  }

  private static void problems(ObjectNode op, Deque<Class<?>> todo, String... statuses) {
    todo.add(Problem.class);
    ObjectNode responses =
        op.has("responses") ? (ObjectNode) op.get("responses") : op.putObject("responses");
    for (String s : statuses) {
      responses
          .putObject(s)
          .put("description", "a problem")
          .putObject("content")
          .putObject("application/problem+json")
          .set("schema", ref(Problem.class));
    }
    // What any request can be answered, whatever its operation: 400 for a request line, a path or a
    // query the broker cannot read, 405 for another method, 413, 414 and 431 for a body, a URI or
    // headers over the limits, 500 for a fault of the broker, 503 when it is overloaded.
    for (String s : ANY_REQUEST) {
      if (!responses.has(s)) {
        responses
            .putObject(s)
            .put("description", "a problem")
            .putObject("content")
            .putObject("application/problem+json")
            .set("schema", ref(Problem.class));
      }
    }
  }

  private static void query(ObjectNode op, String name, boolean required, ObjectNode schema) {
    parameters(op)
        .addObject()
        .put("name", name)
        .put("in", "query")
        .put("required", required)
        .set("schema", schema);
  }

  private static void pathParam(ObjectNode op, String name, ObjectNode schema) {
    parameters(op)
        .addObject()
        .put("name", name)
        .put("in", "path")
        .put("required", true)
        .set("schema", schema);
  }

  private static ArrayNode parameters(ObjectNode op) {
    return op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
  }

  private static ObjectNode ref(Class<?> type) {
    return F.objectNode().put("$ref", "#/components/schemas/" + schemaName(type));
  }

  /** A record's name among the schemas: the explorer's are prefixed, as theirs are short. */
  static String schemaName(Class<?> type) {
    Class<?> outer = type.getEnclosingClass();
    return outer == ExplorerViews.class || outer == ExplorerPages.class
        ? "Explorer" + type.getSimpleName()
        : type.getSimpleName();
  }

  /**
   * The schema of a wire record: every component required, nulls only where marked ({@link
   * Nullable}, or ledger-client's {@link org.spectrumledger.ledger.Nullable}); a component written
   * only when present ({@code JsonInclude(NON_NULL)}) is not required, and a {@code JsonUnwrapped}
   * record's components are the record's own.
   */
  static ObjectNode schemaOf(Class<?> record, Deque<Class<?>> todo) {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record + " is not a wire record");
    }
    ObjectNode s = F.objectNode();
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    ArrayNode required = s.putArray("required");
    boolean request = record == OrderSubmission.class || record == CancelSubmission.class;
    properties(record, request, props, required, todo);
    s.put("additionalProperties", false);
    return s;
  }

  private static void properties(
      Class<?> record,
      boolean request,
      ObjectNode props,
      ArrayNode required,
      Deque<Class<?>> todo) {
    // the explorer writes a chain's longs as they are (a pending transaction's block is -1)
    boolean signed = schemaName(record).startsWith("Explorer");
    for (RecordComponent c : record.getRecordComponents()) {
      if (annotation(c, JsonUnwrapped.class) != null) {
        properties(c.getType(), request, props, required, todo);
        continue;
      }
      JsonInclude include = annotation(c, JsonInclude.class);
      boolean leftOut = include != null && include.value() == JsonInclude.Include.NON_NULL;
      boolean nullable =
          !leftOut
              && (annotation(c, Nullable.class) != null
                  || annotation(c, org.spectrumledger.ledger.Nullable.class) != null);
      props.set(c.getName(), typeOf(c.getGenericType(), nullable, request, signed, todo));
      if (!leftOut) {
        required.add(c.getName());
      }
    }
  }

  /**
   * A component's annotation, wherever Java put it: an annotation type not meant for record
   * components (Jackson's) is kept on the accessor and the field only.
   */
  private static <A extends Annotation> A annotation(RecordComponent c, Class<A> type) {
    A a = c.getAnnotation(type);
    if (a == null) {
      a = c.getAccessor().getAnnotation(type);
    }
    if (a == null) {
      try {
        a = c.getDeclaringRecord().getDeclaredField(c.getName()).getAnnotation(type);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }
    return a;
  }

  private static JsonNode typeOf(
      Type type, boolean nullable, boolean request, boolean signed, Deque<Class<?>> todo) {
    ObjectNode t;
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      t = F.objectNode().put("type", "array");
      t.set("items", typeOf(p.getActualTypeArguments()[0], false, request, signed, todo));
    } else if (type instanceof ParameterizedType p
        && p.getRawType() == Map.class
        && p.getActualTypeArguments()[0] == String.class) {
      t = F.objectNode().put("type", "object");
      t.set(
          "additionalProperties",
          typeOf(p.getActualTypeArguments()[1], false, request, signed, todo));
    } else if (type == long.class || type == Long.class || type == java.math.BigInteger.class) {
      // 64- and 128-bit integers: decimal strings out (exact in JavaScript), strings or numbers in.
      t = F.objectNode();
      if (request) {
        t.putArray("type").add("string").add("integer");
      } else {
        t.put("type", "string");
      }
      t.put("pattern", signed ? "^-?[0-9]+$" : "^[0-9]+$");
    } else if (type == java.math.BigDecimal.class) {
      // an amount in tokens or a quantity in SRU: an exact decimal
      t = F.objectNode().put("type", "number");
    } else if (type == int.class || type == Integer.class) {
      t = F.objectNode().put("type", "integer");
    } else if (type == boolean.class || type == Boolean.class) {
      t = F.objectNode().put("type", "boolean");
    } else if (type == String.class) {
      t = F.objectNode().put("type", "string");
    } else if (type == Address.class) {
      t = address();
    } else if (type == Bytes32.class) {
      t = bytes32();
    } else if (type == MarketKey.class) {
      t = marketKey();
    } else if (type == Side.class) {
      t = F.objectNode().put("type", "string");
      t.putArray("enum").add("bid").add("ask");
    } else if (type instanceof Class<?> c && c.isEnum()) {
      t = F.objectNode().put("type", "string");
      ArrayNode values = t.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(wireName((Enum<?>) constant));
      }
    } else if (type instanceof Class<?> c && c.isRecord()) {
      todo.add(c);
      if (!nullable) {
        return ref(c);
      }
      ObjectNode any = F.objectNode();
      any.putArray("oneOf").add(ref(c)).addObject().put("type", "null");
      return any;
    } else {
      throw new IllegalArgumentException("no wire schema for " + type);
    }
    if (nullable) {
      JsonNode base = t.get("type");
      ArrayNode types = F.arrayNode();
      if (base.isArray()) {
        types.addAll((ArrayNode) base);
      } else {
        types.add(base.asText());
      }
      t.set("type", types.add("null"));
      if (t.has("enum")) {
        ((ArrayNode) t.get("enum")).addNull();
      }
    }
    return t;
  }

  private static String wireName(Enum<?> constant) {
    try {
      JsonProperty p =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return p == null ? constant.name() : p.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode address() {
    return F.objectNode().put("type", "string").put("pattern", "^0x[0-9a-fA-F]{40}$");
  }

  /** A hash as a client may write it, in either case. */
  private static ObjectNode anyBytes32() {
    return F.objectNode().put("type", "string").put("pattern", "^0x[0-9a-fA-F]{64}$");
  }

  private static ObjectNode bytes32() {
    return F.objectNode().put("type", "string").put("pattern", "^0x[0-9a-f]{64}$");
  }

  private static ObjectNode marketKey() {
    return F.objectNode()
        .put("type", "string")
        .put("pattern", "^\\d+/(0x[0-9a-fA-F]+|\\d+)/\\d+-\\d+$")
        .put("description", "band/cell/slotStart-slotEnd");
  }
}

package org.spectrumledger.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;

class WireContractTest {

  private static final Address MAKER = Address.of("0x00000000000000000000000000000000000000aa");
  private static final Bytes32 HASH = Bytes32.of("0x" + "ab".repeat(32));
  private static final MarketKey MARKET = new MarketKey(4, 7, 7_200, 10_800);

  private static OrderView order(List<FillView> fills) {
    return new OrderView(
        HASH,
        MAKER,
        1,
        Side.BID,
        MARKET,
        Timescale.NON_RT,
        1_500,
        2_500_000,
        7_200,
        true,
        OrderStatus.OPEN,
        0,
        0,
        null,
        fills);
  }

  @Test
  void recordsAreWrittenInTheWireShapes() {
    FillView fill =
        new FillView(
            3,
            2,
            HASH,
            MAKER,
            Side.ASK,
            MARKET,
            1_000,
            2_400_000,
            FillState.MATCHED,
            null,
            null,
            null);
    String json = WireJson.write(order(List.of(fill)));
    assertThat(json)
        .contains("\"side\":\"bid\"", "\"market\":\"4/0x7/7200-10800\"", "\"status\":\"open\"")
        .contains("\"timescale\":\"non-rt\"", "\"state\":\"matched\"", "\"reason\":null")
        .contains("\"maker\":\"0x00000000000000000000000000000000000000aa\"");
    assertThat(WireJson.read(json, OrderView.class)).isEqualTo(order(List.of(fill)));
  }

  @Test
  void everyRecordTheDocumentNamesValidatesAgainstItsOwnSchema() {
    OpenApiCheck.assertConforms(
        "GET",
        "/v1/orders/" + HASH.hex(),
        200,
        "application/json",
        WireJson.write(order(List.of())));
    OpenApiCheck.assertConforms(
        "GET",
        "/v1/info",
        200,
        "application/json",
        WireJson.write(
            new BrokerInfo(
                2018, MAKER, MAKER, MAKER, MAKER, 1, 2, 3, 4, 5, 6, 7L, 8L, java.util.List.of())));
    OpenApiCheck.assertConforms(
        "POST",
        "/v1/orders",
        409,
        "application/problem+json",
        WireJson.write(Problem.of(409, "insufficient-escrow", "short", "detail")));
  }

  @Test
  void anAnswerTheDocumentDoesNotDescribeFails() {
    assertThatThrownBy(
            () ->
                OpenApiCheck.assertConforms(
                    "GET", "/v1/info", 200, "application/json", "{\"chainId\":1}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(
            () -> OpenApiCheck.assertConforms("GET", "/v1/info", 418, "application/json", "{}"))
        .hasMessageContaining("does not document");
    assertThatThrownBy(
            () ->
                OpenApiCheck.assertConforms(
                    "GET",
                    "/v1/orders/" + HASH.hex(),
                    200,
                    "application/json",
                    WireJson.write(order(List.of())).replace("\"open\"", "\"opened\"")))
        .hasMessageContaining("does not match");
    assertThatThrownBy(
            () -> OpenApiCheck.assertConforms("GET", "/v2/info", 200, "application/json", "{}"))
        .hasMessageContaining("not in the API");
    OpenApiCheck.assertConforms(
        "GET",
        "/v2/info",
        404,
        "application/problem+json",
        WireJson.write(Problem.of(404, "not-found", "no such resource", "no resource")));
    OpenApiCheck.assertConforms(
        "DELETE",
        "/v1/info",
        405,
        "application/problem+json",
        WireJson.write(Problem.of(405, "method-not-allowed", "method not allowed", "use GET")));
  }

  @Test
  void aBadBodyIsDescribedByFieldWithoutJavaNames() {
    assertThatThrownBy(() -> WireJson.read("null", OrderSubmission.class))
        .hasMessage("the body is null; send a JSON object");
    assertThatThrownBy(() -> WireJson.read("", OrderSubmission.class))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> WireJson.read("{\"band\":\"four\"}", OrderSubmission.class))
        .hasMessage(
            "field \"band\": needs an integer (a JSON number or a decimal string); 'four' is not"
                + " one");
    assertThatThrownBy(() -> WireJson.read("{\"band\":4.5}", OrderSubmission.class))
        .hasMessage("field \"band\": needs an integer (a JSON number or a decimal string)");
    assertThatThrownBy(() -> WireJson.read("{\"maker\":\"0x12\"}", OrderSubmission.class))
        .hasMessageStartingWith("field \"maker\": needs an address (0x and 40 hex digits)");
    assertThatThrownBy(() -> WireJson.read("{\"side\":\"buy\"}", OrderSubmission.class))
        .hasMessage("field \"side\": needs \"bid\" or \"ask\"; 'buy' is not one");
    // a field given twice is no order: one reader would take the first, another the last
    assertThatThrownBy(
            () -> WireJson.read("{\"side\":\"bid\",\"side\":\"ask\"}", OrderSubmission.class))
        .hasMessage("field \"side\" is given twice");
    assertThatThrownBy(() -> WireJson.read("{\"colour\":1}", OrderSubmission.class))
        .hasMessage("unknown field \"colour\"");
    assertThatThrownBy(() -> WireJson.read("{\"band\":", OrderSubmission.class))
        .hasMessageStartingWith("not valid JSON");
    assertThatThrownBy(() -> WireJson.read("[]", OrderSubmission.class))
        .hasMessage("the body must be a JSON object");
    assertThatThrownBy(() -> WireJson.read("{} {}", OrderSubmission.class))
        .hasMessageContaining("after the JSON value");
    for (String body : List.of("{\"band\":\"x\"}", "{\"maker\":\"0x12\"}", "[]", "{\"band\":")) {
      assertThatThrownBy(() -> WireJson.read(body, OrderSubmission.class))
          .message()
          .doesNotContain("java.", "com.fasterxml", "Jackson", "`");
    }
  }

  /**
   * A body past the reader's limits (nested over 1,000 levels deep, a number of over 1,000 digits,
   * both within the 16 KiB a body may have) is said plainly, without the reader's method names.
   */
  @Test
  void aBodyPastTheReadersLimitsIsSaidPlainly() {
    String deep = "{\"a\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}";
    assertThatThrownBy(() -> WireJson.read(deep, OrderSubmission.class))
        .hasMessage(
            "the body is beyond what the broker reads: document nesting depth (1001) exceeds the"
                + " maximum allowed (1000)");
    String digits = "{\"band\":" + "9".repeat(1_200) + "}";
    assertThatThrownBy(() -> WireJson.read(digits, OrderSubmission.class))
        .hasMessageStartingWith("the body is beyond what the broker reads: number value length")
        .message()
        .doesNotContain("from a value", "`", "StreamReadConstraints", "java.", "com.fasterxml");
  }

  /**
   * Any request may be refused before its operation is reached (a bad URI, a body, a URI or headers
   * over the limits, another method, an overloaded broker, a fault): every operation documents
   * those answers, so a client checking answers against the document never meets one it lacks.
   */
  @Test
  void everyOperationDocumentsTheRefusalsAnyRequestCanGet() {
    var doc = OpenApi.document();
    var paths = doc.path("paths").fields();
    int operations = 0;
    while (paths.hasNext()) {
      var path = paths.next();
      var methods = path.getValue().fields();
      while (methods.hasNext()) {
        var op = methods.next();
        for (String status : List.of("400", "405", "413", "414", "431", "500", "503")) {
          assertThat(op.getValue().path("responses").has(status))
              .as(op.getKey() + " " + path.getKey() + " documents " + status)
              .isTrue();
        }
        operations++;
      }
    }
    assertThat(operations).isGreaterThan(15);
    Problem tooLarge = Problem.of(413, "body-too-large", "request body too large", "16384 bytes");
    OpenApiCheck.assertConforms(
        "POST", "/v1/cancels", 413, "application/problem+json", WireJson.write(tooLarge));
    OpenApiCheck.assertConforms(
        "GET",
        "/v1/info",
        400,
        "application/problem+json",
        WireJson.write(Problem.of(400, "malformed", "bad request", "unknown query parameter")));
    // a path the broker cannot read ("/v1//info") is refused before it names a resource
    OpenApiCheck.assertConforms(
        "GET",
        "/v1//info",
        400,
        "application/problem+json",
        WireJson.write(Problem.of(400, "malformed", "bad request", "an empty path segment")));
  }

  /**
   * Integers go out as decimal strings and come in as strings or numbers, over the contract's
   * range: a nonce of 2^63 and of 2^64 - 1 (uint64), a limit price of 1e19 (uint128).
   */
  @Test
  void integersAreDecimalStringsOverTheContractsRange() {
    String body =
        "{\"maker\":\""
            + MAKER.hex()
            + "\",\"side\":\"bid\",\"band\":\"4\",\"cell\":\"0x7\",\"slotStart\":\"7200\","
            + "\"slotEnd\":10800,\"quantity\":\"1500\",\"limitPrice\":\"2400000\","
            + "\"nonce\":\"9223372036854775808\",\"validUntil\":\"18446744073709551615\","
            + "\"partialFill\":true,\"signature\":\"0x"
            + "11".repeat(64)
            + "1b\"}";
    OrderSubmission s = WireJson.read(body, OrderSubmission.class);
    var order = s.toSignedOrder().order();
    assertThat(Long.toUnsignedString(order.nonce())).isEqualTo("9223372036854775808");
    assertThat(Long.toUnsignedString(order.validUntil())).isEqualTo("18446744073709551615");
    assertThat(order.validAt(4_000_000_000L)).isTrue();
    String written = WireJson.write(OrderSubmission.of(s.toSignedOrder()));
    assertThat(written)
        .contains("\"nonce\":\"9223372036854775808\"")
        .contains("\"validUntil\":\"18446744073709551615\"")
        .contains("\"limitPrice\":\"2400000\"")
        .contains("\"quantity\":\"1500\"");
    assertThat(WireJson.read(written, OrderSubmission.class)).isEqualTo(s);

    OrderSubmission rich =
        WireJson.read(
            body.replace("\"2400000\"", "\"10000000000000000000\""), OrderSubmission.class);
    assertThatThrownBy(rich::toSignedOrder)
        .isInstanceOf(OrderSubmission.OutOfRange.class)
        .hasMessageContaining("above the highest price");
    assertThatThrownBy(
            () ->
                WireJson.read(
                    body.replace("\"9223372036854775808\"", "\"18446744073709551616\""),
                    OrderSubmission.class))
        .hasMessage(
            "field \"nonce\": needs an integer from 0 to 18446744073709551615; got"
                + " 18446744073709551616");
    assertThatThrownBy(
            () ->
                WireJson.read(body.replace("\"1500\"", "\"-1\""), OrderSubmission.class)
                    .toSignedOrder())
        .hasMessageContaining("positive");
  }

  @Test
  void aSubmissionNamesItsMissingField() {
    OrderSubmission s =
        WireJson.read(
            "{\"maker\":\"" + MAKER.hex() + "\",\"side\":\"bid\"}", OrderSubmission.class);
    assertThatThrownBy(s::toSignedOrder).hasMessage("field \"band\" is missing");
  }

  @Test
  void theSignedViewsDeclareTheirSecuritySchemeAndTheirRefusals() {
    var doc = OpenApi.document();
    assertThat(
            doc.at("/components/securitySchemes/" + OpenApi.SECURITY_SCHEME + "/scheme").asText())
        .isEqualTo(RequestAuthorization.SCHEME);
    for (String path :
        List.of("/v1/orders/{orderHash}", "/v1/orders", "/v1/operators/{address}/fills")) {
      var get = doc.path("paths").path(path).path("get");
      assertThat(get.path("security").get(0).has(OpenApi.SECURITY_SCHEME)).as(path).isTrue();
      assertThat(get.path("responses").has("401")).as(path).isTrue();
    }
    assertThat(doc.path("paths").path("/v1/orders").path("post").has("security")).isFalse();
    assertThat(doc.at("/paths/~1v1~1markets~1{market}~1depth/get/responses").has("403")).isTrue();
    OpenApiCheck.assertConforms(
        "GET",
        "/v1/orders",
        401,
        "application/problem+json",
        WireJson.write(Problem.of(401, "unauthenticated", "sign it", "send Authorization")));
    OpenApiCheck.assertConforms(
        "GET",
        "/v1/markets",
        200,
        "application/json",
        WireJson.write(
            new MarketList(
                List.of(
                    new MarketSummary(
                        MARKET,
                        4,
                        "0x7",
                        7_200,
                        10_800,
                        Timescale.NON_RT,
                        false,
                        null,
                        null,
                        null,
                        2_400_000L)))));
    BookRule rule = new BookRule(4, "all", true, 17, MAKER, "0x" + "11".repeat(65));
    OpenApiCheck.assertConforms(
        "POST",
        "/v1/rules/books",
        200,
        "application/json",
        WireJson.write(new BookRuleList(List.of(rule))));
    assertThat(WireJson.read(WireJson.write(rule), BookRule.class)).isEqualTo(rule);
  }
}

package org.spectrumledger.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.explorer.ExplorerViews;

/** The explorer's JSON in the OpenAPI document: its paths, and schemas read from its records. */
class ExplorerDocumentTest {

  private static final String HASH = "0x" + "ab".repeat(32);
  private static final String MAKER = "0x00000000000000000000000000000000000000aa";

  private static void conforms(String path, Object answer) {
    OpenApiCheck.assertConforms("GET", path, 200, "application/json", WireJson.write(answer));
  }

  private static void refused(String path, String body) {
    assertThatThrownBy(
            () -> OpenApiCheck.assertConforms("GET", path, 200, "application/json", body))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("does not match the API");
  }

  @Test
  void everyExplorerViewIsAReadOnlyOperationOfItsTag() {
    var doc = OpenApi.document();
    List<String> explorer = new java.util.ArrayList<>();
    doc.path("paths")
        .fieldNames()
        .forEachRemaining(
            p -> {
              if (p.startsWith("/explorer")) {
                explorer.add(p);
              }
            });
    assertThat(explorer)
        .allMatch(p -> p.startsWith("/explorer/api/"))
        .contains(
            "/explorer/api/overview",
            "/explorer/api/tx/{txHash}",
            "/explorer/api/operator/{address}",
            "/explorer/api/market/{market}",
            "/explorer/api/market/{band}/{cell}/{slot}",
            "/explorer/api/batch/{batchId}",
            "/explorer/api/sensing/{band}",
            "/explorer/api/sensing/{band}/{cell}",
            "/explorer/api/court",
            "/explorer/api/court/{address}",
            "/explorer/api/search");
    for (String p : explorer) {
      var item = doc.path("paths").path(p);
      assertThat(item.size()).as(p + ": GET only").isEqualTo(1);
      assertThat(item.path("get").path("tags").get(0).asText()).isEqualTo(OpenApi.EXPLORER_TAG);
    }
    assertThat(doc.path("tags").get(0).path("description").asText()).contains("Not the trading");
    assertThat(doc.at("/paths/~1explorer~1api~1tx~1{txHash}/get/responses/404")).isNotEmpty();
    // the explorer's records are named apart from the broker's
    assertThat(doc.at("/components/schemas/ExplorerTrade/properties/sru/type").asText())
        .isEqualTo("number");
    assertThat(doc.at("/components/schemas/TradeView").isMissingNode()).isFalse();
  }

  @Test
  void absentFieldsAreLeftOutNullableOnesNullAndAmountsNumbers() {
    // a pending contract creation: no callee, no revert, settlement or claim (left out)
    conforms(
        "/explorer/api/tx/" + HASH,
        new ExplorerViews.Transaction(
            HASH,
            "pending",
            -1,
            0,
            MAKER,
            null,
            "(creation)",
            "constructor",
            0,
            null,
            List.of(new ExplorerViews.Argument("amount", "uint256", "5", "0.000005 tokens")),
            null,
            null,
            List.of(new ExplorerViews.Event("Transfer", "Token", 0, Map.of("value", "1 tokens")))));
    conforms("/explorer/api/search", new ExplorerViews.Search("sensing", "4", null));
    conforms("/explorer/api/search", new ExplorerViews.Search("tx", HASH, HASH));
    refused("/explorer/api/search", "{\"kind\":\"tx\",\"key\":\"k\",\"orderHash\":null}");
    refused("/explorer/api/search", "{\"kind\":\"tx\"}");
    var market =
        new ExplorerViews.Market(
            "4/0x7/7200-10800",
            4,
            "0x7",
            7_200,
            10_800,
            true,
            false,
            null,
            List.of(new ExplorerViews.Zone(1, 0, 100)),
            List.of(
                new ExplorerViews.MarketClearing(
                    1, 9, HASH, new BigDecimal("2.5"), new BigDecimal("1.5"))),
            List.of());
    conforms(
        "/explorer/api/market/4/0x7/7200-10800", new ExplorerPages.MarketPage(market, false, null));
    var withSensing =
        new ExplorerViews.Market(
            "4/0x7/7200-10800",
            4,
            "0x7",
            7_200,
            10_800,
            true,
            true,
            new ExplorerViews.Sensing(1, 0, Address.ZERO),
            List.of(),
            List.of(),
            List.of());
    conforms(
        "/explorer/api/market/4%2F0x7%2F7200-10800",
        new ExplorerPages.MarketPage(
            withSensing,
            true,
            new DepthView(
                org.spectrumledger.ledger.MarketKey.parse("4/0x7/7200-10800"),
                Timescale.NON_RT,
                List.of(new DepthLevel(2_000_000, 1_000, 1)),
                List.of(),
                null)));
    conforms(
        "/explorer/api/sensing/4",
        new ExplorerPages.SensingPage(
            4,
            null,
            List.of(
                new ExplorerViews.Report(
                    1, "1970-01-01T00:00:01Z", 4, "0x7", MAKER, "idle", HASH, 2))));
    conforms(
        "/explorer/api/court",
        new ExplorerViews.Court(
            MAKER,
            MAKER,
            5,
            new ExplorerViews.Terms(new BigDecimal("100"), 60, 60, 500),
            new ExplorerViews.Bond(new BigDecimal("100"), BigDecimal.ZERO, null),
            true,
            List.of(
                new ExplorerViews.BondEvent("posted", BigDecimal.TEN, MAKER, null, HASH, 3),
                new ExplorerViews.BondEvent(
                    "withdrawal requested", BigDecimal.ONE, null, 9L, HASH, 4)),
            List.of(),
            List.of(
                new ExplorerViews.Omission(
                    HASH, MAKER, HASH, BigDecimal.ONE, BigDecimal.ZERO, null, null, HASH, 5)),
            List.of(
                new ExplorerViews.AuctionConviction(
                    "4/0x7/7200-10800",
                    7_000,
                    "disordered book",
                    BigDecimal.ONE,
                    null,
                    MAKER,
                    HASH,
                    6))));
    // an amount is a number, not a string; a field not in the record is refused
    refused(
        "/explorer/api/overview",
        "{\"chainId\":\"1\",\"head\":\"2\",\"exchange\":\"e\",\"court\":\"c\",\"blocks\":[],"
            + "\"batches\":[{\"batchId\":\"1\",\"txHash\":\"h\",\"block\":\"1\",\"markets\":\"1\","
            + "\"fills\":\"1\",\"fees\":\"0.5\"}]}");
    conforms(
        "/explorer/api/overview",
        new ExplorerViews.Overview(
            1,
            2,
            MAKER,
            MAKER,
            List.of(),
            List.of(new ExplorerViews.Batch(1, HASH, 1, 1, 1, new BigDecimal("0.5")))));
  }

  @Test
  void aRefusalIsAProblemAndTheExplorersPageIsNotTheApi() {
    OpenApiCheck.assertConforms(
        "GET",
        "/explorer/api/tx/" + HASH,
        404,
        "application/problem+json",
        WireJson.write(Problem.of(404, "not-found", "nothing by that name", "no transaction")));
    OpenApiCheck.assertConforms(
        "POST",
        "/explorer/api/overview",
        405,
        "application/problem+json",
        WireJson.write(Problem.of(405, "method-not-allowed", "method not allowed", "only GET")));
    // only the JSON is documented: a page answered 200 is not the API's
    assertThatThrownBy(
            () ->
                OpenApiCheck.assertConforms(
                    "GET", "/explorer/app.js", 200, "text/javascript", "let x;"))
        .isInstanceOf(AssertionError.class);
  }
}

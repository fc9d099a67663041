package org.spectrumledger.broker.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.broker.e2e.BrokerHarness;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.SensingObservation;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The explorer in a real headless Chromium (Debian's chromium and chromedriver): after a demo-sized
 * run of trades and a claim against the broker for a withheld fill, open the explorer, open a batch
 * and see its decoded fills, the broker's bond and its conviction; bad input shows a clear message.
 * Screenshots go to {@code target/explorer-screenshots/}.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "explorer-screenshots");

  private DevLedger ledger;
  private BrokerNode broker;
  private WebDriver browser;
  private String base;
  private final List<SigningKey> makers = new ArrayList<>();
  private String openOrder;
  private String cellHex;
  private SigningKey withheldMaker;
  private Order withheldOrder;
  private String withheldHash;
  private String claimTx;
  private MarketKey market;
  private final ConformingAnswers answers = new ConformingAnswers();

  @BeforeAll
  void tradeThenOpenABrowser(DevChain chain, @TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromedriver (apt-get install chromium chromium-driver; .ci/run installs them)");
    ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    broker =
        BrokerNode.start(
            BrokerConfig.defaults(
                    chain.rpcUrl(),
                    ledger.deployment(),
                    ledger.brokerKey(),
                    BrokerStore.defaultUrl(dir))
                .withPort(0)
                .withFees(GasFees.free())
                .withEpochs(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)));
    broker.watchAnswers(answers::answered);
    int port = broker.port();
    base = "http://127.0.0.1:" + port + "/explorer";
    for (int i = 0; i < 3; i++) {
      makers.add(h.seller("Seller " + i, 1_000_000));
      makers.add(h.buyer("Buyer " + i, 1_000_000_000L));
    }
    // a demo-sized run: three markets, several rounds of crossing orders, several batches
    long nonce = 1;
    for (int round = 0; round < 4; round++) {
      for (int m = 0; m < 3; m++) {
        MarketKey market =
            new MarketKey(
                h.market.band(),
                h.market.cell(),
                h.market.slotStart() + m * 3_600L,
                h.market.slotEnd() + m * 3_600L);
        for (int i = 0; i < 3; i++) {
          assertThat(
                  h.submit(
                          port,
                          h.order(
                              makers.get(2 * i),
                              Side.ASK,
                              market,
                              1_000 + 500 * i,
                              2_000_000 + 100_000 * i,
                              nonce))
                      .status())
              .isEqualTo(202);
          assertThat(
                  h.submit(
                          port,
                          h.order(
                              makers.get(2 * i + 1),
                              Side.BID,
                              market,
                              1_000 + 500 * i,
                              2_600_000 - 100_000 * i,
                              nonce))
                      .status())
              .isEqualTo(202);
        }
        nonce++;
      }
      broker.clearNow(org.spectrumledger.broker.epoch.Timescale.NON_RT);
      broker.settleNow();
    }
    // an order left open at the broker (nothing crosses it; the epochs are an hour long)
    openOrder =
        h.submit(port, h.order(makers.get(0), Side.ASK, h.market, 1_000, 9_000_000, 999))
            .body()
            .get("orderHash")
            .asText();
    // sensing reports: the dev ledger's sensor finds the harness cell idle, cell 0x7 busy
    try (LedgerClient sensor = ledger.client(ledger.sensorKey())) {
      sensor
          .policy()
          .submitSensingReports(
              List.of(
                  new SensingObservation(h.market.band(), h.market.cell(), true),
                  new SensingObservation(h.market.band(), 7, false)));
    }
    cellHex = new CellId(h.market.cell()).toString();
    market = h.market;
    // a near-RT fill the broker promised a buyer (1 SRU at 2.5 tokens) and never settled, claimed
    // by the sensor after its deadline; then the broker asks 1 token of its bond back and the
    // treasury tops it up to the minimum again
    withheldMaker = makers.get(1);
    long now = ledger.admin().chainTime();
    withheldOrder =
        new Order(
            withheldMaker.address(), Side.BID, h.market, 1_000, 2_500_000, 777, now + 3_600, true);
    Bytes32 orderHash = ledger.admin().exchange().onChainDigest(withheldOrder);
    withheldHash = orderHash.hex();
    OffChainMessages.FillReceipt receipt =
        new OffChainMessages.FillReceipt(orderHash, 1_000, 1_000, 2_500_000, 41, now - 1);
    Signature signature =
        new OffChainMessages(ledger.deployment().domain()).signReceipt(ledger.brokerKey(), receipt);
    try (LedgerClient claimant = ledger.client(ledger.sensorKey())) {
      claimTx =
          claimant.court().claimWithheldFill(withheldOrder, receipt, signature).txHash().hex();
    }
    try (LedgerClient brokerClient = ledger.client(ledger.brokerKey())) {
      brokerClient.court().requestBondWithdrawal(BigInteger.valueOf(1_000_000));
    }
    ledger.admin().bondFromTreasury(ledger.brokerKey().address());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1800",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void close() {
    try {
      if (broker != null) {
        // every answer the page and the tests drew, the explorer's JSON included, is the document's
        answers.assertAllConformed();
      }
    } finally {
      if (browser != null) {
        browser.quit();
      }
      if (broker != null) {
        broker.close();
      }
      if (ledger != null) {
        ledger.close();
      }
    }
  }

  private WebElement await(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void shot(String name) throws Exception {
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void opensABatchAndSeesItsDecodedFills() throws Exception {
    browser.get(base);
    WebElement firstBatch = await(By.cssSelector("a[href^='#/batch/']"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Chain 2018");
    assertThat(browser.findElements(By.cssSelector("a[href^='#/batch/']")))
        .hasSizeGreaterThanOrEqualTo(4);
    shot("01-overview");

    firstBatch.click();
    WebElement heading = await(By.id("settlement"));
    assertThat(heading.getText()).matches("Batch \\d+: 3 market\\(s\\), 18 fills");
    List<WebElement> clearings = browser.findElements(By.cssSelector(".clearing"));
    assertThat(clearings).hasSize(3);
    String page = browser.findElement(By.id("view")).getText();
    assertThat(page)
        .contains("uniform price")
        .contains("success")
        .contains("SpectrumExchange.settleBatch");
    for (SigningKey maker : makers) {
      assertThat(page.toLowerCase()).contains(maker.address().hex());
    }
    assertThat(clearings.get(0).findElements(By.cssSelector("tbody tr"))).hasSize(6);
    assertThat(page).contains("TradeSettled").contains("TransferSingle").contains("BatchSettled");
    shot("02-batch-fills");

    WebElement maker = clearings.get(0).findElement(By.cssSelector("a[href^='#/operator/']"));
    maker.click();
    await(By.xpath("//h2[text()='Trades']"));
    assertThat(browser.findElement(By.id("view")).getText())
        .contains("Leases ahead")
        .contains("escrow");
    shot("03-operator");

    browser.findElement(By.cssSelector("a[href^='#/market/']")).click();
    await(By.id("price-chart"));
    assertThat(browser.findElements(By.cssSelector("#price-chart circle")))
        .hasSizeGreaterThanOrEqualTo(4);
    // an hour's slot is a non-RT auction: its book is sealed, the page shows no depth
    assertThat(browser.findElement(By.id("book-sealed")).getText()).contains("Sealed");
    assertThat(browser.findElements(By.xpath("//h3[text()='Bids']"))).isEmpty();
    shot("04-market");
  }

  private void search(String query) {
    WebElement q = await(By.id("q"));
    q.clear();
    q.sendKeys(query);
    browser.findElement(By.cssSelector("#search button")).click();
  }

  @Test
  void showsUnitsHumanTimesSensingReportsAndChartAxesAndKeepsOpenOrdersSealed() throws Exception {
    browser.get(base);
    await(By.cssSelector("a[href^='#/batch/']"));
    String overview = browser.findElement(By.id("view")).getText();
    assertThat(overview)
        .containsPattern("\\d tokens")
        .containsPattern("UTC \\(\\d+ (s|min) ago\\)");

    browser.findElement(By.cssSelector("a[href^='#/batch/']")).click();
    await(By.id("settlement"));
    String batch = browser.findElement(By.id("view")).getText();
    assertThat(batch)
        .containsPattern("uniform price [0-9.]+ tokens/SRU, [0-9.]+ SRU traded")
        .containsPattern("(?s)TradeSettled.*price=[0-9.]+ tokens/SRU")
        .containsPattern("amount=[0-9.]+ tokens")
        .containsPattern("quantity=[0-9.]+ SRU")
        .containsPattern("(?s)TransferSingle.*id=4/0x")
        .containsPattern("UTC \\(\\d+ (s|min) ago\\)");
    shot("07-batch-units");

    browser.findElement(By.cssSelector(".clearing a[href^='#/market/']")).click();
    await(By.id("price-chart"));
    assertThat(browser.findElement(By.id("y-axis-label")).getText())
        .isEqualTo("price (tokens/SRU)");
    assertThat(browser.findElement(By.id("x-axis-label")).getText()).contains("batch");
    assertThat(browser.findElements(By.cssSelector("#price-chart text.tick")))
        .hasSizeGreaterThanOrEqualTo(3);
    String market = browser.findElement(By.id("view")).getText();
    assertThat(market).contains("tokens/SRU").contains("idle at");
    shot("08-market-axes");

    // the sensing reports of the band and cell, found from the market page and by search
    browser.findElement(By.cssSelector("a[href^='#/sensing/']")).click();
    WebElement title = await(By.id("sensing-title"));
    assertThat(title.getText()).contains("band 4").contains("cell " + cellHex);
    String reports = browser.findElement(By.id("view")).getText();
    assertThat(reports).contains(cellHex).contains("idle").doesNotContain("busy");
    // when each report was made: its block's time, in UTC, and how long ago
    assertThat(reports)
        .containsPattern(
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\(\\d+ (s|min|h|days) ago\\)");
    search("4");
    await(By.xpath("//h1[contains(., 'every cell')]"));
    assertThat(browser.findElement(By.id("view")).getText())
        .contains("idle")
        .contains("busy")
        .contains("0x7");
    shot("09-sensing-reports");
    browser.findElement(By.cssSelector("#view tbody a[href^='#/tx/']")).click();
    await(By.xpath("//h2[text()='Arguments']"));
    String report = browser.findElement(By.id("view")).getText();
    assertThat(report)
        .contains("submitSensingReports")
        .contains("observations[0]")
        .contains("band 4, cell " + cellHex + ", idle")
        .contains("band 4, cell 0x7, busy")
        .contains("cell=0x7");
    shot("10-sensing-tx");

    // an order still open is its maker's alone (sealed bids): its hash is answered with where
    // the maker sees it, not with the order
    search(openOrder);
    assertThat(await(By.id("error")).getText())
        .contains("private to its maker until its auction clears")
        .contains("spectrum operator orders")
        .doesNotContain("9 tokens");
    shot("11-open-order");
  }

  @Test
  void showsTheBrokersBondItsTermsAndAWithheldFillDecoded() throws Exception {
    String broker = ledger.brokerKey().address().hex();
    browser.get(base);
    await(By.id("court-link")).click();
    WebElement title = await(By.id("court-title"));
    assertThat(title.getText()).contains(broker);
    assertThat(browser.findElement(By.id("court-terms")).getText())
        .containsPattern("minimum bond\\s+1000 tokens")
        .contains("1 day (86400 s) after a receipt's deadline")
        .contains("3 days (259200 s)")
        .contains("100 % of the withheld fill's value (10000 bps)");
    assertThat(browser.findElement(By.id("court-bond")).getText())
        .containsPattern("active\\s+1000 tokens")
        .containsPattern(
            "pending withdrawal\\s+1 tokens, ready at [0-9-]+ [0-9:]+ UTC \\(in (72 h|3 days)\\)")
        .contains("yes, bonded");
    WebElement convictions = browser.findElement(By.id("convictions"));
    assertThat(convictions.findElements(By.cssSelector("tbody tr"))).hasSize(1);
    assertThat(convictions.getText())
        .contains(withheldMaker.address().hex())
        .contains(withheldHash)
        .contains("1 SRU")
        .contains("2.5 tokens");
    String page = browser.findElement(By.id("view")).getText();
    assertThat(page).contains("Bond history").contains("withdrawal requested").contains("posted");
    shot("12-broker-bond");

    convictions.findElement(By.cssSelector("a[href^='#/tx/']")).click();
    WebElement claim = await(By.id("claim"));
    assertThat(claim.getText()).contains("upheld, fill withheld");
    String tx = browser.findElement(By.id("view")).getText();
    assertThat(tx)
        .contains("BrokerCourt.claimWithheldFill")
        .contains("success")
        .contains("receipt.fillQuantity")
        .contains("1 SRU at 2.5 tokens/SRU")
        .containsPattern("shortfall\\s+1 SRU not settled")
        .containsPattern("owed\\s+2.5 tokens")
        .containsPattern("paid to the maker\\s+2.5 tokens")
        .contains("no trade of it settled")
        .contains("FillWithheld")
        .contains("shortfall=1 SRU")
        .contains("owed=2.5 tokens")
        .contains("CompensationPaid")
        .contains("amount=2.5 tokens");
    shot("13-claim-tx");

    // the order's hash finds the claim
    search(withheldHash);
    await(By.id("claim"));
    assertThat(browser.getCurrentUrl()).endsWith("#/tx/" + claimTx);

    // a bond posted by the treasury decodes in tokens
    browser.get(base + "#/court");
    await(By.id("court-title"));
    browser
        .findElement(
            By.xpath("//td[text()='posted']/following-sibling::td/a[starts-with(@href,'#/tx/')]"))
        .click();
    await(By.xpath("//h2[text()='Arguments']"));
    assertThat(browser.findElement(By.id("view")).getText())
        .contains("BrokerCourt.postBond")
        .contains("3.5 tokens (3500000)")
        .contains("amount=3.5 tokens")
        .contains("bond=1000 tokens");
  }

  @Test
  void theCourtApiAnswersInUnitsAndRefusesABadAddress() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/court")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode c = json.readTree(ok.body());
    assertThat(c.get("broker").asText()).isEqualTo(ledger.brokerKey().address().hex());
    assertThat(c.get("court").asText()).isEqualTo(ledger.deployment().court().hex());
    assertThat(c.at("/terms/bondMinimum").decimalValue()).isEqualByComparingTo("1000");
    assertThat(c.at("/terms/challengeWindowSeconds").asLong()).isEqualTo(86_400);
    assertThat(c.at("/bond/active").decimalValue()).isEqualByComparingTo("1000");
    assertThat(c.at("/bond/pending").decimalValue()).isEqualByComparingTo("1");
    assertThat(c.get("bonded").asBoolean()).isTrue();
    JsonNode v = c.get("convictions").get(0);
    assertThat(v.get("orderHash").asText()).isEqualTo(withheldHash);
    assertThat(v.get("shortfallSru").decimalValue()).isEqualByComparingTo("1");
    assertThat(v.get("owed").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(v.get("compensation").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(v.get("claimant").asText()).isEqualTo(ledger.sensorKey().address().hex());
    assertThat(v.get("txHash").asText()).isEqualTo(claimTx);

    // another address: not bonded, no convictions
    String other = withheldMaker.address().hex();
    JsonNode o =
        json.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/court/" + other)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(o.get("bonded").asBoolean()).isFalse();
    assertThat(o.get("convictions")).isEmpty();

    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/court/0xnothex")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("is not an address");
    // a mixed-case address with one letter's case flipped fails its checksum, as on the CLI
    String checksummed = withheldMaker.address().checksummed();
    int letter = 2;
    while (!Character.isLetter(checksummed.charAt(letter))) {
      letter++;
    }
    char flip = checksummed.charAt(letter);
    String mistyped =
        checksummed.substring(0, letter)
            + (Character.isUpperCase(flip)
                ? Character.toLowerCase(flip)
                : Character.toUpperCase(flip))
            + checksummed.substring(letter + 1);
    for (String path : new String[] {"/api/court/" + mistyped, "/api/search?q=" + mistyped}) {
      HttpResponse<String> wrong =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).as(path).isEqualTo(400);
      assertThat(wrong.body()).as(path).contains("EIP-55 checksum");
    }
    // well-formed, and naming nothing: not found, not bad input
    for (String unknown : new String[] {"/api/tx/0x" + "ab".repeat(32), "/api/batch/999999"}) {
      HttpResponse<String> none =
          http.send(
              HttpRequest.newBuilder(URI.create(base + unknown)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).as(unknown).isEqualTo(404);
      assertThat(none.body()).as(unknown).contains("not-found");
    }

    JsonNode tx =
        json.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/tx/" + claimTx)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(tx.get("contract").asText()).isEqualTo("BrokerCourt");
    assertThat(tx.at("/claim/upheld").asBoolean()).isTrue();
    assertThat(tx.at("/claim/receipt/settleBy").asLong()).isPositive();
    assertThat(tx.at("/claim/conviction/maker").asText()).isEqualTo(withheldMaker.address().hex());
  }

  @Test
  void badInputShowsAClearMessageNotAStackTrace() throws Exception {
    browser.get(base);
    await(By.id("q"));
    for (String query : new String[] {"0x1234", "0x" + "ab".repeat(32), "not-an-address"}) {
      String text =
          errorAfter(
              () -> {
                WebElement q = browser.findElement(By.id("q"));
                q.clear();
                q.sendKeys(query);
                browser.findElement(By.cssSelector("#search button")).click();
              });
      assertThat(text)
          .contains("Cannot show this.")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
    shot("05-search-error");
    assertThat(errorAfter(() -> browser.get(base + "#/tx/0x" + "cd".repeat(32))))
        .contains("no transaction");
    assertThat(errorAfter(() -> browser.get(base + "#/operator/0xnothex")))
        .contains("is not an address");
    shot("06-bad-address");
  }

  /**
   * The text of the error shown after {@code action}: an error still on screen from before is
   * waited out (the view is drawn again, so the old element goes stale), and an element replaced
   * while it is read is read again.
   */
  private String errorAfter(Runnable action) {
    WebElement previous = browser.findElements(By.id("error")).stream().findFirst().orElse(null);
    action.run();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    if (previous != null) {
      wait.until(ExpectedConditions.stalenessOf(previous));
    }
    return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement e = d.findElements(By.id("error")).stream().findFirst().orElse(null);
              return e != null && e.isDisplayed() ? e.getText() : null;
            });
  }

  /**
   * The JSON of every chain view, as the page reads it: field names, nesting, strings (64-bit
   * integers included), numbers, booleans, and which fields are null or left out. Keys are sorted
   * and an array shows each distinct shape of its elements once. The expected shapes are in {@code
   * explorer-api-shapes.txt}; what was seen is written beside the screenshots.
   */
  @Test
  void theApiAnswersInTheShapeThePageReads() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    java.util.function.Function<String, JsonNode> get =
        path -> {
          try {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/" + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return json.readTree(r.body());
          } catch (Exception e) {
            throw new AssertionError(path, e);
          }
        };
    JsonNode overview = get.apply("overview");
    String settleTx = overview.at("/batches/0/txHash").asText();
    JsonNode sensing = get.apply("sensing/" + market.band());
    String sensingTx = sensing.at("/reports/0/txHash").asText();
    String maker = withheldMaker.address().hex();
    StringBuilder shapes = new StringBuilder();
    for (String path :
        List.of(
            "overview",
            "tx/" + settleTx,
            "tx/" + claimTx,
            "tx/" + sensingTx,
            "operator/" + maker,
            "market/" + market,
            "court",
            "court/" + maker,
            "sensing/" + market.band(),
            "sensing/" + market.band() + "/" + cellHex,
            "search?q=" + withheldHash,
            "search?q=" + settleTx,
            "search?q=" + maker,
            "search?q=" + market,
            "search?q=" + market.band())) {
      String name = path.replaceAll("0x[0-9a-fA-F]+|\\d+/[^/]+/\\d+-\\d+|\\d+", "_");
      shapes.append(name).append(" = ").append(shape(get.apply(path))).append('\n');
    }
    Files.writeString(SHOTS.resolve("api-shapes.txt"), shapes);
    try (var expected = ExplorerBrowserTest.class.getResourceAsStream("/explorer-api-shapes.txt")) {
      assertThat(shapes.toString())
          .isEqualTo(new String(expected.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** The shape of a JSON value: types for scalars, sorted keys, distinct element shapes. */
  private static String shape(JsonNode n) {
    if (n.isObject()) {
      java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
      n.fields().forEachRemaining(e -> fields.put(e.getKey(), shape(e.getValue())));
      StringBuilder sb = new StringBuilder("{");
      fields.forEach(
          (k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(v));
      return sb.append('}').toString();
    }
    if (n.isArray()) {
      java.util.TreeSet<String> items = new java.util.TreeSet<>();
      n.forEach(i -> items.add(shape(i)));
      return "[" + String.join(" | ", items) + "]";
    }
    return n.isNull()
        ? "null"
        : n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "bool" : "?";
  }
}

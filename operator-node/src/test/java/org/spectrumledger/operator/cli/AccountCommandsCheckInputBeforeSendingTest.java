package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.SigningKey;

/**
 * The account commands refuse half-valid input before a key signs anything or a request leaves: a
 * negative nonce, a chain node URL that is no URL, a malformed market, an order in every cell at
 * once. A counting stand-in for the broker shows that nothing reached it; a node URL on a closed
 * port shows that a mistyped amount is said as such, not hidden behind the node's absence.
 */
class AccountCommandsCheckInputBeforeSendingTest {

  @TempDir Path home;

  private HttpServer broker;
  private final AtomicInteger requests = new AtomicInteger();
  private String brokerUrl;
  private String closedNode;
  private List<String> account;

  @BeforeEach
  void standInBrokerAndAccount() throws IOException {
    broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broker.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    broker.start();
    brokerUrl = "http://127.0.0.1:" + broker.getAddress().getPort();
    try (ServerSocket s = new ServerSocket(0)) {
      closedNode = "http://127.0.0.1:" + s.getLocalPort();
    }
    Path key = home.resolve("operator.key");
    Files.writeString(key, SigningKey.random(new SecureRandom()).exportPrivateKey());
    Path deployment = home.resolve("deployment.json");
    Files.writeString(deployment, deploymentRecord());
    account =
        List.of(
            "--home",
            home.toString(),
            "--key",
            key.toString(),
            "--deployment",
            deployment.toString(),
            "--broker",
            brokerUrl,
            "--rpc",
            closedNode,
            "--gas",
            "free");
  }

  @AfterEach
  void stop() {
    broker.stop(0);
  }

  private Cli.Run operator(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    List<String> given = List.of(args);
    for (int i = account.size() - 2; i >= 0; i -= 2) {
      if (!given.contains(account.get(i))) { // a test's own --rpc or --gas stands
        all.addAll(1, account.subList(i, i + 2));
      }
    }
    return Cli.operator(all.toArray(String[]::new));
  }

  private void assertRefusedBeforeSending(Cli.Run run, String... fragments) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).as(run.err()).contains(fragments);
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(requests.get()).as("requests that reached the broker").isZero();
  }

  @Test
  void aCancelOnChainWithANodeThatDoesNotAnswerSendsNothingToTheBroker() {
    Cli.Run run = operator("cancel", "--nonce", "3", "--on-chain");

    // (spectrum's own error handler says exit 3 and which option points at the node)
    assertThat(run.exitCode()).as(run.err()).isNotZero();
    assertThat(run.err()).contains("unreachable").doesNotContain("\tat ");
    assertThat(requests.get())
        .as("the broker kept the order: a retry cancels it at the broker and on chain")
        .isZero();
  }

  @Test
  void aNegativeNonceIsRefusedBeforeACancelIsSignedOrSent() {
    assertRefusedBeforeSending(
        operator("cancel", "--nonce", "-1"), "--nonce", "a nonce is a whole number, 0 or more");
    assertRefusedBeforeSending(
        operator("cancel", "--nonce", "-1", "--on-chain"), "--nonce", "0 or more");
    assertRefusedBeforeSending(operator("cancel", "--nonce", "1e3"), "not '1e3'");
    assertRefusedBeforeSending(
        operator(order("--band", "4", "--cell", "0x7", "--slot", slot(), "--nonce", "-1")),
        "--nonce",
        "0 or more");
  }

  @Test
  void aNodeUrlThatIsNoUrlIsRefusedBeforeAnOrderIsSent() {
    // (an order asks the node only after the broker has it: the URL is checked before)
    assertRefusedBeforeSending(
        operator(order("--band", "4", "--cell", "0x7", "--slot", slot(), "--rpc", "http://")),
        "--rpc (or $SPECTRUM_RPC) 'http://'",
        "http://HOST:PORT");
    assertRefusedBeforeSending(
        operator(
            order(
                "--band",
                "4",
                "--cell",
                "0x7",
                "--slot",
                slot(),
                "--rpc",
                "http://localhost:notaport")),
        "--rpc (or $SPECTRUM_RPC) 'http://localhost:notaport'",
        "http://HOST:PORT");
    assertRefusedBeforeSending(
        operator("orders", "--broker", "http://"), "--broker (or $SPECTRUM_BROKER) 'http://'");
  }

  @Test
  void anOrderInEveryCellAtOnceIsRefusedBeforeItIsSent() {
    assertRefusedBeforeSending(
        operator(order("--band", "4", "--cell", "all", "--slot", slot())),
        "--cell takes one cell id, hex (0x7) or decimal (7), not 'all'");
    assertRefusedBeforeSending(
        operator(order("--market", "4/all/" + slot())), "--market's cell takes one cell id");
    // the every-cell id however written: the placeholder is no market
    assertRefusedBeforeSending(
        operator(order("--market", "4/ALL/" + slot())),
        "--market's cell takes one cell id, hex (0x7) or decimal (7)",
        "the id of every cell at once");
    assertRefusedBeforeSending(
        operator(order("--market", "4/0xffffffffffffffff/" + slot())),
        "--market's cell takes one cell id",
        "the id of every cell at once");
    assertRefusedBeforeSending(
        operator(order("--band", "4", "--cell", "-7", "--slot", slot())),
        "not a cell id: '-7'; --cell takes one cell id, hex (0x7) or decimal (7)");
  }

  @Test
  void aMalformedMarketIsRefusedNamingTheOptionBeforeAnOrderIsSent() {
    assertRefusedBeforeSending(
        operator(order("--market", "4/0x7")),
        "Invalid value for option '--market'",
        "band/cell/slotStart-slotEnd");
    assertRefusedBeforeSending(
        operator(order("--market", "four/0x7/" + slot())),
        "Invalid value for option '--market'",
        "not a market key");
    assertRefusedBeforeSending(
        operator(order("--market", "4/x7/" + slot())),
        "Invalid value for option '--market'",
        "not a cell id: 'x7'; the market's cell is a cell id, hex (0x7) or decimal (7)");
  }

  @Test
  void aMarketAndItsPartsTogetherAreRefused() {
    assertRefusedBeforeSending(
        operator(order("--market", "4/0x7/" + slot(), "--band", "4")),
        "give --market or --band, --cell and --slot, not both");
    assertRefusedBeforeSending(
        operator(order("--band", "4", "--cell", "0x7")),
        "give --market, or all of --band, --cell and --slot");
  }

  @Test
  void aMistypedWithdrawalIsSaidAsSuchWhileTheNodeIsAway() {
    Cli.Run run = operator("withdraw", "--amount", "1e3");
    assertRefusedBeforeSending(run, "not a token amount: '1e3'");
  }

  @Test
  void gasFeesNotInWholeWeiSayTheUnit() {
    assertRefusedBeforeSending(
        operator("deposit", "--amount", "1", "--gas", "eip1559:1.5:0"),
        "--gas 'eip1559:1.5:0': MAXFEE and TIP are whole numbers of wei");
  }

  /** {@code order} with a valid side, quantity and limit, and {@code market}'s options. */
  private static String[] order(String... market) {
    List<String> args =
        new ArrayList<>(List.of("order", "--side", "bid", "--quantity", "1", "--limit", "0.5"));
    args.addAll(List.of(market));
    return args.toArray(String[]::new);
  }

  /** An hour-long slot starting at the whole hour after next. */
  private static String slot() {
    long start = (Instant.now().getEpochSecond() / 3_600 + 2) * 3_600;
    return start + "-" + (start + 3_600);
  }

  private static String deploymentRecord() {
    StringBuilder contracts = new StringBuilder();
    String[] names = {"BrokerCourt", "SettlementToken", "SpectrumExchange", "SpectrumPolicy"};
    for (int i = 0; i < names.length; i++) {
      contracts
          .append(i == 0 ? "" : ",")
          .append("\"")
          .append(names[i])
          .append("\": {\"address\": \"0x")
          .append("00".repeat(19))
          .append("0")
          .append(i + 1)
          .append("\", \"txHash\": \"0x")
          .append("00".repeat(32))
          .append("\", \"block\": 1, \"constructorArguments\": \"0x\"}");
    }
    return "{\"chainId\": 2018, \"contracts\": {"
        + contracts
        + "}, \"deploymentBlock\": 1, \"admin\": \"0x"
        + "00".repeat(19)
        + "09\", \"settlementWindowSeconds\": 10, \"compiler\": {}, \"deployedAt\":"
        + " \"2026-01-01T00:00:00Z\"}";
  }
}

package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;
import org.spectrumledger.operator.cli.AuditCommand;
import org.spectrumledger.operator.fairness.ReceiptBook;

/** Orders placed by hand: an ask and a bid signed by two operators' keys meet and settle. */
@ExtendWith(DevChainExtension.class)
class OrderCliTest {

  @Test
  void anAskAndABidPlacedByHandTradeAndSettle(DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, 3_600);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "order password");
    long cell = CellId.parse("0x7").value();
    long now = admin.chainTime();
    SigningKey seller =
        ledger.newOperator(
            "Idle NR", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    SigningKey buyer =
        ledger.newOperator(
            "Busy LTE",
            OperatorKind.MOBILE_NETWORK,
            new BigInteger("100000000"),
            new BigInteger("100000000"));
    admin.policy().grantLicence(seller.address(), 4, cell, 24_000, now - 60, now + 86_400);
    long start = (now / 3_600 + 1) * 3_600;
    MarketKey market = new MarketKey(4, cell, start, start + 3_600);

    BrokerConfig config = CliRunner.testBroker(chain.rpcUrl(), ledger, home);
    try (BrokerNode node = BrokerNode.start(config)) {
      ConformingAnswers answers = new ConformingAnswers();
      node.watchAnswers(answers::answered);
      String brokerUrl = "http://127.0.0.1:" + node.port();
      String[] common = {
        "--rpc", chain.rpcUrl(),
        "--deployment", deployment.toString(),
        "--password-file", pw.toString(),
        "--broker", brokerUrl
      };
      Path sellerHome = Files.createDirectories(home.resolve("seller"));
      Path buyerHome = Files.createDirectories(home.resolve("buyer"));
      Path sellerKeys = importKey(sellerHome, seller, pw);
      Path buyerKeys = importKey(buyerHome, buyer, pw);

      CliRunner badQuantity = order(common, "bid", market, "1e1", "2", buyerKeys, buyerHome);
      badQuantity.assertFailedCleanly(2, "--quantity must be a positive number of SRU");
      CliRunner offTick = order(common, "bid", market, "1", "2.0005", buyerKeys, buyerHome);
      offTick.assertFailedCleanly(
          2, "--limit 2.0005: the broker's prices go in steps of 0.001 tokens per SRU");
      // the broker's minimum validity and horizon (in /v1/info) are checked before signing, with
      // the option to change and the limit, not left to the broker's 400
      CliRunner tooSoon =
          order(
              common,
              "bid",
              market,
              "1",
              "2",
              buyerKeys,
              buyerHome,
              "--valid-until",
              Long.toString(System.currentTimeMillis() / 1000 + 1));
      tooSoon.assertFailedCleanly(
          2,
          "the broker takes an order only if it stays valid at least 2 s after it arrives; give a"
              + " later --valid-until");
      MarketKey farOff =
          new MarketKey(4, cell, start + 400 * 86_400L, start + 400 * 86_400L + 3_600);
      CliRunner beyond = order(common, "bid", farOff, "1", "2", buyerKeys, buyerHome);
      beyond.assertFailedCleanly(
          2,
          "--market "
              + farOff
              + ": the slot starts at "
              + java.time.Instant.ofEpochSecond(farOff.slotStart())
              + ", more than the broker's horizon of 366 days after now");
      // a mistyped node URL is refused before the order goes to the broker, not after
      CliRunner badRpc =
          CliRunner.run(
              "operator",
              "order",
              "--side",
              "bid",
              "--market",
              market.toString(),
              "--quantity",
              "1",
              "--limit",
              "2",
              "--keystore",
              buyerKeys.toString(),
              "--home",
              buyerHome.toString(),
              "--rpc",
              "127.0.0.1:9",
              "--deployment",
              deployment.toString(),
              "--password-file",
              pw.toString(),
              "--broker",
              brokerUrl);
      badRpc.assertFailedCleanly(2, "needs http:// or https:// in front");
      assertThat(new BrokerClient(brokerUrl).signedBy(buyer).orders(buyer.address(), 10).orders())
          .as("nothing sent")
          .isEmpty();
      assertThat(new BrokerClient(brokerUrl).signedBy(buyer).orders(buyer.address(), 10).orders())
          .isEmpty();

      CliRunner ask =
          run(
              common,
              "operator",
              "order",
              "--side",
              "ask",
              "--band",
              "4",
              "--cell",
              "0x7",
              "--slot",
              start + "-" + (start + 3_600),
              "--quantity",
              "4",
              "--limit",
              "0.5",
              "--keystore",
              sellerKeys,
              "--home",
              sellerHome);
      assertThat(ask.exitCode()).as(ask.toString()).isZero();
      assertThat(ask.out())
          .contains("ask 4 SRU at 0.5 tokens/SRU in " + market)
          .contains("nonce 0")
          .containsPattern("order 0x[0-9a-f]{64} open");
      assertThat(Files.readString(sellerHome.resolve("nonce"))).isEqualTo("1");

      // the node away as an order is placed: the order is the broker's, and its intake receipt,
      // the operator's evidence, is kept all the same, its signature checked; the audit checks
      // the broker's role once the node answers
      String[] nodeAway = common.clone();
      nodeAway[1] = "http://127.0.0.1:9";
      CliRunner away = order(nodeAway, "ask", market, "1", "0.5", sellerKeys, sellerHome);
      assertThat(away.exitCode()).as(away.toString()).isZero();
      assertThat(away.out())
          .contains("order ")
          .contains("intake receipt kept, its signature checked; the node could not be reached");
      try (ReceiptBook kept = ReceiptBook.open(sellerHome.resolve(AuditCommand.RECEIPTS_FILE))) {
        assertThat(kept.intakes()).hasSize(2);
      }
      CliRunner audit =
          run(common, "operator", "audit", "--keystore", sellerKeys, "--home", sellerHome);
      assertThat(audit.exitCode()).as(audit.toString()).isZero();
      assertThat(audit.out()).contains("2 intake receipt(s) kept").doesNotContain("not audited");

      CliRunner bid =
          run(
              common,
              "operator",
              "order",
              "--side",
              "bid",
              "--market",
              market.toString(),
              "--quantity",
              "2.5",
              "--limit",
              "1.25",
              "--json",
              "--keystore",
              buyerKeys,
              "--home",
              buyerHome);
      assertThat(bid.exitCode()).as(bid.toString()).isZero();
      JsonNode placed = new ObjectMapper().readTree(bid.out());
      assertThat(placed.get("quantitySru").isNumber()).isTrue();
      assertThat(placed.get("quantitySru").decimalValue()).isEqualByComparingTo("2.5");
      assertThat(placed.get("limitTokensPerSru").decimalValue()).isEqualByComparingTo("1.25");
      assertThat(placed.get("nonce").asLong()).isZero();
      assertThat(placed.get("side").asText()).isEqualTo("bid");
      Bytes32 hash = Bytes32.of(placed.get("orderHash").asText());

      // the broker's refusal (a bid from a maker with an ask in the market) is exit 4, with its
      // reason
      CliRunner bothSides = order(common, "bid", market, "1", "1", sellerKeys, sellerHome);
      bothSides.assertFailedCleanly(4, "broker refused (409 self-trade)");

      BrokerClient broker = new BrokerClient(brokerUrl).signedBy(buyer);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (broker.order(hash).settled() < 2_500 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(broker.order(hash).settled()).isEqualTo(2_500);
      assertThat(admin.exchange().leaseBalance(buyer.address(), market)).isEqualTo(2_500);

      // an order's hash given to explore tx shows the transaction that settled it
      CliRunner byOrder =
          run(
              new String[] {"--rpc", chain.rpcUrl(), "--deployment", deployment.toString()},
              "explore",
              "tx",
              hash.hex());
      assertThat(byOrder.exitCode()).as(byOrder.toString()).isZero();
      assertThat(byOrder.out())
          .contains("order " + hash + " is no transaction")
          .contains("settleBatch");

      // the buyer sees its trade, SRU and price as numbers in --json
      CliRunner trades =
          run(common, "operator", "trades", "--json", "--keystore", buyerKeys, "--home", buyerHome);
      assertThat(trades.exitCode()).as(trades.toString()).isZero();
      JsonNode trade = new ObjectMapper().readTree(trades.out()).get(0);
      assertThat(trade.get("side").asText()).isEqualTo("bid");
      assertThat(trade.get("sru").decimalValue()).isEqualByComparingTo("2.5");
      assertThat(trade.get("priceTokensPerSru").isNumber()).isTrue();
      assertThat(trade.get("priceTokensPerSru").decimalValue())
          .isBetween(new java.math.BigDecimal("0.5"), new java.math.BigDecimal("1.25"));
      assertThat(trade.get("settledAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.+Z");

      // the buyer sees its lease, times as ISO dates, SRU as a number in --json
      CliRunner leases =
          run(common, "operator", "leases", "--json", "--keystore", buyerKeys, "--home", buyerHome);
      assertThat(leases.exitCode()).as(leases.toString()).isZero();
      JsonNode lease = new ObjectMapper().readTree(leases.out()).get(0);
      assertThat(lease.get("market").asText()).isEqualTo(market.toString());
      assertThat(lease.get("sru").isNumber()).isTrue();
      assertThat(lease.get("sru").decimalValue()).isEqualByComparingTo("2.5");
      assertThat(lease.get("slotStart").asLong()).isEqualTo(start);
      assertThat(lease.get("slotStartIso").asText())
          .isEqualTo(java.time.Instant.ofEpochSecond(start).toString());
      CliRunner during =
          run(
              common,
              "operator",
              "leases",
              "--at",
              java.time.Instant.ofEpochSecond(start + 60).toString(),
              "--keystore",
              buyerKeys,
              "--home",
              buyerHome);
      assertThat(during.out())
          .contains(java.time.Instant.ofEpochSecond(start).toString())
          .contains("2.5")
          .contains("1 lease(s)");
      answers.assertAllConformed();
    }
  }

  static Path importKey(Path dir, SigningKey key, Path pw) throws Exception {
    Path hex = dir.resolve("key.hex");
    Files.writeString(hex, key.exportPrivateKey());
    Path keystore = dir.resolve("keystore.json");
    CliRunner imported =
        CliRunner.run(
            "operator",
            "keys",
            "import",
            "--light",
            "--private-key-file",
            hex.toString(),
            "--keystore",
            keystore.toString(),
            "--password-file",
            pw.toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    return keystore;
  }

  /** {@code operator order} in {@code market}, signed with the keystore in {@code home}. */
  /** {@code operator order} in {@code market}, {@code more} options after the ones named. */
  private static CliRunner order(
      String[] common,
      String side,
      MarketKey market,
      String quantity,
      String limit,
      Path keys,
      Path home,
      String... more) {
    java.util.List<Object> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "operator",
                "order",
                "--side",
                side,
                "--market",
                market.toString(),
                "--quantity",
                quantity,
                "--limit",
                limit,
                "--keystore",
                keys,
                "--home",
                home));
    args.addAll(java.util.List.of(more));
    return run(common, args.toArray());
  }

  static CliRunner run(String[] common, Object... args) {
    String[] all = new String[args.length + common.length];
    for (int i = 0; i < args.length; i++) {
      all[i] = args[i].toString();
    }
    System.arraycopy(common, 0, all, args.length, common.length);
    return CliRunner.run(all);
  }
}

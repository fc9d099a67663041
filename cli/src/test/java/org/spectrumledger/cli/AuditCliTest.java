package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.broker.api.FillState;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * T7 end to end: near-RT fills with signed receipts, one settled and one the broker withholds (the
 * test plays the cheating broker: it drops the clearing from its store after the receipt went out).
 * {@code operator audit} keeps both receipts, waits for their deadlines, finds the first settled
 * and claims the second in the broker court, which pays the buyer from the broker's bond.
 */
@ExtendWith(DevChainExtension.class)
class AuditCliTest {

  private static final long SLOT = 30;

  @Test
  void anAuditFindsAHonouredReceiptSettledAndClaimsAWithheldOne(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, SLOT);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "audit password");
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
    long start = (now / SLOT + 3) * SLOT;
    MarketKey market = new MarketKey(4, cell, start, start + SLOT);

    // Settlement only when the test says so, so that the cheat can drop a clearing first.
    BrokerConfig config =
        CliRunner.testBroker(chain.rpcUrl(), ledger, home)
            .withEpochs(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofHours(1));
    try (BrokerNode node = BrokerNode.start(config)) {
      ConformingAnswers answers = new ConformingAnswers();
      node.watchAnswers(answers::answered);
      String brokerUrl = "http://127.0.0.1:" + node.port();
      BrokerClient broker = new BrokerClient(brokerUrl);
      Path buyerHome = Files.createDirectories(home.resolve("buyer"));
      Path buyerKeys = OrderCliTest.importKey(buyerHome, buyer, pw);
      String[] audit = {
        "operator", "audit",
        "--rpc", chain.rpcUrl(),
        "--deployment", deployment.toString(),
        "--password-file", pw.toString(),
        "--broker", brokerUrl,
        "--key", buyerKeys.toString(),
        "--home", buyerHome.toString(),
        "--gas", "free",
        "--json"
      };

      broker.submit(sign(admin, seller, Side.ASK, market, 4_000, 2_000_000, 0));
      Bytes32 honoured =
          broker.submit(sign(admin, buyer, Side.BID, market, 1_000, 2_500_000, 0)).orderHash();
      awaitFill(broker.signedBy(buyer), honoured);
      node.settleNow();

      Bytes32 withheld =
          broker.submit(sign(admin, buyer, Side.BID, market, 2_000, 2_500_000, 1)).orderHash();
      FillView promised = awaitFill(broker.signedBy(buyer), withheld);
      assertThat(promised.receipt()).as("a near-RT fill carries the broker's receipt").isNotNull();
      // The cheat: the broker forgets the clearing it signed a receipt for, and never settles it.
      node.store().dropClearings(List.of(promised.clearingId()), List.of(withheld), "withheld");
      node.settleNow();

      JsonNode before = json(CliRunner.run(audit));
      assertThat(before.get("receipts").asInt()).isEqualTo(2);
      assertThat(before.get("pending").asInt()).as("both deadlines ahead").isEqualTo(2);
      assertThat(before.get("claimed").asInt()).isZero();

      BigInteger wallet = admin.token().tokenBalance(buyer.address());
      BigInteger bond = admin.court().bondOf(ledger.brokerKey().address()).active();
      chain.advanceTime(Duration.ofSeconds(promised.receipt().settleBy() - admin.chainTime() + 5));

      CliRunner run = CliRunner.run(audit);
      JsonNode after = json(run);
      assertThat(after.get("settled").asInt()).as(run.toString()).isEqualTo(1);
      assertThat(after.get("claimed").asInt()).isEqualTo(1);
      assertThat(after.get("claimedNow").asInt()).isEqualTo(1);
      // 2 SRU at the clearing price, at 100 % of the value.
      BigInteger owed =
          BigInteger.valueOf(promised.price())
              .multiply(BigInteger.valueOf(2_000))
              .divide(BigInteger.valueOf(1_000));
      assertThat(after.get("compensationTokens").decimalValue())
          .isEqualByComparingTo(new java.math.BigDecimal(owed).movePointLeft(6));
      assertThat(admin.token().tokenBalance(buyer.address()).subtract(wallet)).isEqualTo(owed);
      assertThat(admin.court().bondOf(ledger.brokerKey().address()).active())
          .isEqualTo(bond.subtract(owed));

      // Nothing is claimed twice: a second audit finds the same and sends nothing.
      JsonNode again = json(CliRunner.run(audit));
      assertThat(again.get("claimed").asInt()).isEqualTo(1);
      assertThat(again.get("claimedNow").asInt()).isZero();
      assertThat(admin.token().tokenBalance(buyer.address()).subtract(wallet)).isEqualTo(owed);
      assertThat(Files.readString(buyerHome.resolve("receipts.json"))).contains(withheld.hex());
      answers.assertAllConformed();
    }
  }

  private static org.spectrumledger.ledger.SignedOrder sign(
      LedgerClient admin,
      SigningKey maker,
      Side side,
      MarketKey m,
      long q,
      long limit,
      long nonce) {
    return admin
        .exchange()
        .orderSigner()
        .sign(new Order(maker.address(), side, m, q, limit, nonce, m.slotStart(), true), maker);
  }

  private static FillView awaitFill(BrokerClient broker, Bytes32 hash) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      OrderView v = broker.order(hash);
      if (!v.fills().isEmpty() && v.fills().get(0).state() == FillState.MATCHED) {
        return v.fills().get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("order " + hash + " was not matched");
  }

  private static JsonNode json(CliRunner r) throws Exception {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return new ObjectMapper().readTree(r.out());
  }
}

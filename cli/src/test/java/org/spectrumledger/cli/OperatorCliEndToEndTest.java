package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.ledger.Address;
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
 * The operator CLI end to end: keys → register → deposit → run a few intervals → leases and trades.
 */
@ExtendWith(DevChainExtension.class)
class OperatorCliEndToEndTest {

  private static final long BAND = 4;
  private static final String CELL = "0x7";

  @Test
  void keysRegisterDepositRunThenLeasesAndTradesAreVisible(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(BAND, 2_110_000, 2_155_000, false, 0, 3_600);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path password = home.resolve("password");
    Files.writeString(password, "correct horse battery staple");
    String[] common = {
      "--rpc",
      chain.rpcUrl(),
      "--deployment",
      deployment.toString(),
      "--password-file",
      password.toString(),
      "--gas",
      "free"
    };

    BrokerConfig config = CliRunner.testBroker(chain.rpcUrl(), ledger, home);
    try (BrokerNode broker = BrokerNode.start(config)) {
      ConformingAnswers answers = new ConformingAnswers();
      broker.watchAnswers(answers::answered);
      String brokerUrl = "http://127.0.0.1:" + broker.port();

      // the regulator's key, imported into its own keystore
      Path adminKey = home.resolve("regulator.key");
      Files.writeString(adminKey, ledger.adminKey().exportPrivateKey());
      Path regulator = home.resolve("regulator.json");
      CliRunner imported =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator",
                    "keys",
                    "import",
                    "--private-key-file",
                    adminKey.toString(),
                    "--keystore",
                    regulator.toString(),
                    "--light"
                  },
                  common));
      assertThat(imported.exitCode()).as(imported.toString()).isZero();

      // the operator's own key
      Path keystore = home.resolve("keystore.json");
      CliRunner created =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "keys", "new", "--keystore", keystore.toString(), "--light"
                  },
                  common));
      assertThat(created.exitCode()).as(created.toString()).isZero();
      Matcher m = Pattern.compile("address: (0x[0-9a-fA-F]{40})").matcher(created.out());
      assertThat(m.find()).isTrue();
      Address operator = Address.of(m.group(1));
      assertThat(created.out() + created.err())
          .doesNotContain(ledger.adminKey().exportPrivateKey().substring(2));
      CliRunner shown =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "keys", "show", "--check", "--keystore", keystore.toString()
                  },
                  common));
      assertThat(shown.out()).contains(operator.toString()).contains("password: ok");

      long now = admin.chainTime();
      String licence = BAND + ":" + CELL + ":24SRU:" + (now - 60) + ":" + (now + 86_400);
      CliRunner registered =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator",
                    "register",
                    "--operator",
                    operator.hex(),
                    "--kind",
                    "MOBILE_NETWORK",
                    "--name",
                    "Test LTE",
                    "--licence",
                    licence,
                    "--keystore",
                    regulator.toString()
                  },
                  common));
      assertThat(registered.exitCode()).as(registered.toString()).isZero();
      assertThat(registered.out()).contains("registered " + operator);

      admin.token().mint(operator, new BigInteger("1000000000"));
      CliRunner deposited =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "deposit", "--amount", "500", "--keystore", keystore.toString()
                  },
                  common));
      assertThat(deposited.exitCode()).as(deposited.toString()).isZero();
      assertThat(deposited.out()).contains("escrow now 500");

      // a counterparty with licensed SRU rests asks in the slots the daemon will trade
      long first = (now / 3_600 + 1) * 3_600;
      long cell = CellId.parse(CELL).value();
      SigningKey seller =
          ledger.newOperator(
              "Seller", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
      admin.policy().grantLicence(seller.address(), BAND, cell, 100_000, now - 60, now + 86_400);
      BrokerClient brokerClient = new BrokerClient(brokerUrl);
      for (int k = 0; k <= 5; k++) {
        MarketKey market = new MarketKey(BAND, cell, first + k * 3_600L, first + (k + 1) * 3_600L);
        brokerClient.submit(
            admin
                .exchange()
                .orderSigner()
                .sign(
                    new Order(
                        seller.address(),
                        Side.ASK,
                        market,
                        10_000,
                        500_000,
                        k,
                        market.slotStart(),
                        true),
                    seller));
      }

      Path data = locate("data/nist-prosas/Output_hourly_LTE.tsv");
      CliRunner ran =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator",
                    "run",
                    "--data",
                    data.toString(),
                    "--from",
                    "108",
                    "--steps",
                    "4",
                    "--interval-ms",
                    "600",
                    "--first-slot",
                    Long.toString(first),
                    "--bands",
                    Long.toString(BAND),
                    "--cell",
                    CELL,
                    "--keystore",
                    keystore.toString(),
                    "--broker",
                    brokerUrl,
                    "--nonce-file",
                    home.resolve("nonce").toString(),
                    // the daemon keeps its receipts under its home: the test's, not the checkout's
                    "--home",
                    home.toString()
                  },
                  common));
      assertThat(ran.exitCode()).as(ran.toString()).isZero();
      assertThat(ran.out()).contains("4 intervals").contains("orders sent");

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      CliRunner leases;
      do {
        Thread.sleep(200);
        leases =
            CliRunner.run(
                concat(
                    new String[] {"operator", "leases", "--keystore", keystore.toString()},
                    common));
      } while (!leases.out().contains("4/0x7/") && System.nanoTime() < deadline);
      assertThat(leases.exitCode()).as(leases.toString()).isZero();
      assertThat(leases.out()).contains("4/0x7/" + (first + 3_600));

      CliRunner trades =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "trades", "--keystore", keystore.toString(), "--broker", brokerUrl
                  },
                  common));
      assertThat(trades.out()).contains("bid").contains("4/0x7/");
      CliRunner orders =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "orders", "--keystore", keystore.toString(), "--broker", brokerUrl
                  },
                  common));
      assertThat(orders.out()).contains("bid");
      CliRunner status =
          CliRunner.run(
              concat(
                  new String[] {"operator", "status", "--json", "--keystore", keystore.toString()},
                  common));
      assertThat(status.out())
          .contains("\"registered\" : true")
          .contains("\"name\" : \"Test LTE\"");
      assertThat(status.out())
          .containsPattern("\"escrowTokens\" : [0-9.]+,")
          .doesNotContain("\"escrowTokens\" : 500,")
          .doesNotContain("null");

      // on-chain cancellations and withdrawals wait for the settlement window, and say when
      CliRunner cancelled =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator",
                    "cancel",
                    "--nonce",
                    "9000",
                    "--on-chain",
                    "--keystore",
                    keystore.toString(),
                    "--broker",
                    brokerUrl
                  },
                  common));
      assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
      assertThat(cancelled.out())
          .contains("nonce 9000 cancelled in tx")
          .containsPattern("in force from \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(in \\d+ s\\)");
      assertThat(admin.exchange().orderStatus(operator, 9000).cancelling()).isTrue();
      CliRunner tooMuch =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "withdraw", "--amount", "999999", "--keystore", keystore.toString()
                  },
                  common));
      assertThat(tooMuch.exitCode()).as(tooMuch.toString()).isNotZero();
      assertThat(tooMuch.err()).contains("escrow");
      assertThat(admin.exchange().pendingWithdrawal(operator).exists())
          .as("nothing requested")
          .isFalse();
      CliRunner withdrawal =
          CliRunner.run(
              concat(
                  new String[] {
                    "operator", "withdraw", "--amount", "1", "--keystore", keystore.toString()
                  },
                  common));
      assertThat(withdrawal.exitCode()).as(withdrawal.toString()).isZero();
      assertThat(withdrawal.out())
          .contains("withdrawal of 1 tokens requested")
          .containsPattern("executable from \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(in \\d+ s\\)");
      answers.assertAllConformed();
    }
  }

  static Path locate(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found");
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

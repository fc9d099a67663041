package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The daemon counts the licence the chain holds for it, unless told otherwise, and trades on its
 * band's slot grid.
 */
@ExtendWith(DevChainExtension.class)
class OperatorRunLicenceTest {

  @Test
  void theDaemonReadsItsLicenceFromTheChainAndTradesOnTheGrid(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, 3_600);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "licence password");
    long now = admin.chainTime();
    SigningKey licensed =
        ledger.newOperator("Campus", OperatorKind.MICRO_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    admin
        .policy()
        .grantLicence(
            licensed.address(), 4, CellId.parse("0x7").value(), 8_000, now - 60, now + 86_400);
    SigningKey unlicensed =
        ledger.newOperator(
            "Newcomer", OperatorKind.MICRO_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    String[] common = {
      "--rpc", chain.rpcUrl(),
      "--deployment", deployment.toString(),
      "--password-file", pw.toString(),
      "--broker", "http://127.0.0.1:9",
      "--data", OperatorCliEndToEndTest.locate("data/nist-prosas/Output_hourly_LTE.tsv").toString(),
      "--from", "108",
      "--steps", "1",
      "--interval-ms", "10",
      "--bands", "4",
      "--cell", "0x7"
    };

    Path campus = Files.createDirectories(home.resolve("campus"));
    Path campusKey = OrderCliTest.importKey(campus, licensed, pw);
    CliRunner ran = runDaemon(common, campusKey, campus);
    assertThat(ran.exitCode()).as(ran.toString()).isZero();
    assertThat(ran.out()).contains("licence 8.0 SRU per slot (on chain)");
    // the daemon let its receipts go as it stopped: `operator audit`, or the next run, opens them
    try (var receipts =
        org.spectrumledger.operator.fairness.ReceiptBook.open(campus.resolve("receipts.json"))) {
      assertThat(receipts).isNotNull();
    }

    // a URL that answers, but not as a broker, or the broker of another deployment: refused
    // before the daemon starts (a broker that does not answer yet, as above, is not)
    com.sun.net.httpserver.HttpServer standIn =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    String[] answer = {"<html>not found</html>"};
    int[] status = {404};
    standIn.createContext(
        "/",
        x -> {
          byte[] body = answer[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
          x.sendResponseHeaders(status[0], body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    standIn.start();
    try {
      String standInUrl = "http://127.0.0.1:" + standIn.getAddress().getPort();
      String[] atStandIn = common.clone();
      atStandIn[java.util.Arrays.asList(common).indexOf("--broker") + 1] = standInUrl;
      CliRunner notABroker = runDaemon(atStandIn, campusKey, campus);
      notABroker.assertFailedCleanly(2, "is that the broker's URL?");

      org.spectrumledger.ledger.Address otherExchange =
          org.spectrumledger.ledger.Address.of("0x00000000000000000000000000000000000000e1");
      answer[0] =
          org.spectrumledger.broker.api.WireJson.write(
              new org.spectrumledger.broker.api.BrokerInfo(
                  ledger.deployment().chainId(),
                  otherExchange,
                  otherExchange,
                  otherExchange,
                  otherExchange,
                  1_000,
                  100,
                  60,
                  1_000,
                  1,
                  1,
                  null,
                  null,
                  java.util.List.of()));
      status[0] = 200;
      CliRunner otherDeployment = runDaemon(atStandIn, campusKey, campus);
      otherDeployment.assertFailedCleanly(2, "settles on exchange " + otherExchange);
      assertThat(otherDeployment.err()).contains("point --broker at this deployment's broker");
    } finally {
      standIn.stop(0);
    }

    // a first slot off band 4's hourly grid would trade nothing, every interval: refused
    long onGrid = (now / 3_600 + 2) * 3_600;
    CliRunner offGrid =
        runDaemon(common, campusKey, campus, "--first-slot", Long.toString(onGrid + 60));
    offGrid.assertFailedCleanly(2, "--first-slot " + (onGrid + 60) + " is off band 4's grid");
    assertThat(offGrid.err()).contains("the next at or after it is " + (onGrid + 3_600));

    // the regulator moves band 4's hourly slots to start on the half hour (by way of a half-hour
    // grid): without --first-slot the daemon starts at the grid's next slot, not the next whole
    // hour
    long hour = now / 3_600 * 3_600 - 3_600;
    admin.policy().setSlotGrid(4, 1_800, hour);
    admin.policy().setSlotGrid(4, 3_600, hour + 1_800);
    CliRunner moved = runDaemon(common, campusKey, campus);
    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    Matcher slot = Pattern.compile("from slot (\\d+)").matcher(moved.out());
    assertThat(slot.find()).as(moved.out()).isTrue();
    long first = Long.parseLong(slot.group(1));
    assertThat(first % 3_600).as("on the half hour, as the grid").isEqualTo(1_800);
    assertThat(admin.policy().bandInfo(4).onGrid(first, first + 3_600)).isTrue();
    assertThat(first).isGreaterThan(now).isLessThanOrEqualTo(admin.chainTime() + 3_600);
    // a whole hour is off that grid, and the refusal says where the grid starts, not "multiples"
    long wholeHour = (now / 3_600 + 2) * 3_600;
    CliRunner offMoved =
        runDaemon(common, campusKey, campus, "--first-slot", Long.toString(wholeHour));
    offMoved.assertFailedCleanly(
        2,
        "--first-slot "
            + wholeHour
            + " is off band 4's grid: its slots last 3600 s and start every 3600 s from "
            + (hour + 1_800)
            + " ("
            + java.time.Instant.ofEpochSecond(hour + 1_800)
            + "); the next at or after it is "
            + (wholeHour + 1_800));

    Path newcomer = Files.createDirectories(home.resolve("newcomer"));
    CliRunner refused =
        runDaemon(common, OrderCliTest.importKey(newcomer, unlicensed, pw), newcomer);
    refused.assertFailedCleanly(2, "holds no licence on chain for band 4 in cell 0x7");
  }

  /** {@code operator run} with {@code key} in {@code home}, {@code more} options after. */
  private static CliRunner runDaemon(String[] common, Path key, Path home, String... more) {
    java.util.List<Object> args =
        new java.util.ArrayList<>(
            java.util.List.of("operator", "run", "--keystore", key, "--home", home));
    args.addAll(java.util.List.of(more));
    return OrderCliTest.run(common, args.toArray());
  }
}

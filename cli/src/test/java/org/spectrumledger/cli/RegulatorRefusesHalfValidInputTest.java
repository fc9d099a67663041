package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The regulator's commands refuse what the policy contract would take but could never serve (a
 * licence for every cell at once, a licence or zone already over, a band that needs sensing reports
 * fresh for 0 s) and what it holds in fewer bits than a long (a band id past uint32), each in one
 * line naming the option, and send nothing.
 */
@ExtendWith(DevChainExtension.class)
class RegulatorRefusesHalfValidInputTest {

  @Test
  void halfValidInputIsRefusedAndNothingIsSent(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, 3_600);
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "regulator password");
    Path keys =
        OrderCliTest.importKey(Files.createDirectories(home.resolve("r")), ledger.adminKey(), pw);
    String[] common = {
      "--rpc", chain.rpcUrl(),
      "--deployment", deployment.toString(),
      "--password-file", pw.toString(),
      "--keystore", keys.toString(),
      "--gas", "free"
    };
    Address operator = SigningKey.random(new SecureRandom()).address();
    admin.policy().registerOperator(operator, OperatorKind.MICRO_OPERATOR, "Campus");
    long now = admin.chainTime();
    String from = Long.toString(now);
    String until = Long.toString(now + 86_400);

    // a licence for the every-cell id is for no market's cell
    CliRunner everyCell =
        OrderCliTest.run(
            common,
            "regulator",
            "licence",
            "--operator",
            operator.hex(),
            "--band",
            "4",
            "--cell",
            "all",
            "--quantity",
            "1SRU",
            "--from",
            from,
            "--until",
            until);
    everyCell.assertFailedCleanly(2, "--cell takes one cell id");
    assertThat(admin.policy().licence(operator, 4, CellId.ALL_CELLS.value()).quantity()).isZero();

    // operator register grants the same way: one cell, and not a licence already over
    Address fresh = SigningKey.random(new SecureRandom()).address();
    CliRunner registerEveryCell = register(common, fresh, "4:all:5SRU:" + from + ":" + until);
    registerEveryCell.assertFailedCleanly(2, "--licence CELL takes one cell id");
    CliRunner registerOver = register(common, fresh, "4:0x7:5SRU:1000:2000");
    registerOver.assertFailedCleanly(2, "--licence UNTIL 1970-01-01T00:33:20Z has passed");
    assertThat(admin.policy().operatorInfo(fresh).registered()).isFalse();

    // a zone that ended before it is added protects nothing
    CliRunner zoneOver =
        OrderCliTest.run(
            common,
            "regulator",
            "zone",
            "add",
            "--band",
            "4",
            "--cell",
            "0x7",
            "--from",
            "1000",
            "--until",
            "2000");
    zoneOver.assertFailedCleanly(2, "--until 1970-01-01T00:33:20Z has passed");
    assertThat(admin.policy().protectionZones(4, 7)).isEmpty();
    CliRunner noCell =
        OrderCliTest.run(common, "regulator", "zone", "list", "--band", "4", "--cell", "seven");
    noCell.assertFailedCleanly(2, "--cell takes a cell id");
    CliRunner noBookCell =
        OrderCliTest.run(common, "regulator", "book", "--band", "4", "--cell", "0x7zz", "--lit");
    noBookCell.assertFailedCleanly(2, "--cell takes a cell id");

    // sensing with reports fresh for 0 s would close the band for good
    CliRunner sensing =
        OrderCliTest.run(common, "regulator", "band", "update", "--band", "4", "--sensing");
    sensing.assertFailedCleanly(2, "give --max-report-age SECONDS");
    assertThat(admin.policy().bandInfo(4).sensingRequired()).isFalse();
    CliRunner sensingWithAge =
        OrderCliTest.run(
            common,
            "regulator",
            "band",
            "update",
            "--band",
            "4",
            "--sensing",
            "--max-report-age",
            "600");
    assertThat(sensingWithAge.exitCode()).as(sensingWithAge.toString()).isZero();
    assertThat(admin.policy().bandInfo(4).sensingRequired()).isTrue();

    // numbers the contract holds as uint32, and a zone id, in the option's terms
    CliRunner bandTooLarge =
        OrderCliTest.run(
            common,
            "regulator",
            "band",
            "register",
            "--band",
            "4294967296",
            "--low-khz",
            "1",
            "--high-khz",
            "2",
            "--grid",
            "3600");
    bandTooLarge.assertFailedCleanly(
        2, "'--band': it takes a whole number 0 .. 4294967295, not 4294967296");
    CliRunner ageTooLarge =
        OrderCliTest.run(
            common, "regulator", "band", "update", "--band", "4", "--max-report-age", "5000000000");
    ageTooLarge.assertFailedCleanly(2, "'--max-report-age': it takes a whole number 0 ..");
    CliRunner negativeBand = OrderCliTest.run(common, "regulator", "band", "show", "--band", "-1");
    negativeBand.assertFailedCleanly(2, "'--band': it takes a whole number 0 ..");
    CliRunner negativeZone =
        OrderCliTest.run(
            common, "regulator", "zone", "remove", "--band", "4", "--cell", "0x7", "--zone", "-1");
    negativeZone.assertFailedCleanly(2, "--zone must be 0 or more");
    for (CliRunner r : new CliRunner[] {bandTooLarge, ageTooLarge, negativeBand, negativeZone}) {
      assertThat(r.err()).doesNotContain("Bit size");
    }
  }

  private static CliRunner register(String[] common, Address operator, String licence) {
    return OrderCliTest.run(
        common,
        "operator",
        "register",
        "--operator",
        operator.hex(),
        "--kind",
        "MICRO_OPERATOR",
        "--name",
        "Campus",
        "--licence",
        licence);
  }
}

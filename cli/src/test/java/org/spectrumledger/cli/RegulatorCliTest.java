package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.Licence;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.SlotGrid;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/** The regulator's commands change the policy contract, and refuse clearly what it refuses. */
@ExtendWith(DevChainExtension.class)
class RegulatorCliTest {

  @Test
  void bandsGridsZonesLicencesAndSuspensions(DevChain chain, @TempDir Path home) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    Path deployment = home.resolve("deployment.json");
    ledger.deployment().write(deployment);
    Path pw = home.resolve("pw");
    Files.writeString(pw, "regulator password");
    Path adminKey = home.resolve("regulator.key");
    Files.writeString(adminKey, ledger.adminKey().exportPrivateKey());
    Path keystore = home.resolve("regulator.json");
    String[] common = {
      "--rpc", chain.rpcUrl(),
      "--deployment", deployment.toString(),
      "--keystore", keystore.toString(),
      "--password-file", pw.toString(),
      "--gas", "free"
    };
    CliRunner imported =
        CliRunner.run(
            "operator",
            "keys",
            "import",
            "--light",
            "--private-key-file",
            adminKey.toString(),
            "--keystore",
            keystore.toString(),
            "--password-file",
            pw.toString());
    assertThat(imported.exitCode()).as(imported.toString()).isZero();

    CliRunner registered =
        run(
            common,
            "regulator",
            "band",
            "register",
            "--band",
            "7",
            "--low-khz",
            "3550000",
            "--high-khz",
            "3560000",
            "--sensing",
            "--max-report-age",
            "600",
            "--grid",
            "3600");
    assertThat(registered.exitCode()).as(registered.toString()).isZero();
    assertThat(registered.out()).contains("registered band 7").contains("slot grid of 3600 s");
    assertThat(admin.policy().bandInfo(7))
        .isEqualTo(
            new BandInfo(
                7, 3_550_000, 3_560_000, true, 600, true, new SlotGrid(3_600, 0, 0, 0, 0)));

    CliRunner offGrid =
        run(
            common,
            "regulator",
            "band",
            "grid",
            "--band",
            "7",
            "--seconds",
            "1800",
            "--from",
            "60");
    offGrid.assertFailedCleanly(2, "must start on the current grid");
    CliRunner moved = run(common, "regulator", "band", "grid", "--band", "7", "--seconds", "1800");
    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    assertThat(admin.policy().bandInfo(7).grid().slotSeconds()).isEqualTo(1_800);
    assertThat(admin.policy().bandInfo(7).grid().prevSlotSeconds()).isEqualTo(3_600);

    CliRunner updated = run(common, "regulator", "band", "update", "--band", "7", "--no-active");
    assertThat(updated.exitCode()).as(updated.toString()).isZero();
    assertThat(admin.policy().bandInfo(7).active()).isFalse();
    assertThat(admin.policy().bandInfo(7).maxReportAge()).as("unchanged").isEqualTo(600);

    CliRunner shown = run(common, "regulator", "band", "show", "--band", "7");
    assertThat(shown.out()).contains("3550000–3560000").contains("1800 s").contains("required");
    CliRunner shownJson = run(common, "regulator", "band", "show", "--band", "7", "--json");
    assertThat(shownJson.out())
        .contains("\"gridSeconds\" : 1800")
        .contains("\"sensingRequired\" : true")
        .doesNotContain("null");

    // zones ahead of the chain's clock (one over already is refused: it protects nothing)
    long zoneFrom = admin.chainTime() / 3_600 * 3_600 + 86_400;
    String zoneFromIso = java.time.Instant.ofEpochSecond(zoneFrom).toString();
    String zoneUntilIso = java.time.Instant.ofEpochSecond(zoneFrom + 1_000).toString();
    long cell = CellId.of(CellId.Layer.GROUND, 77).value();
    String cellHex = new CellId(cell).toString();
    CliRunner added =
        run(
            common,
            "regulator",
            "zone",
            "add",
            "--band",
            "7",
            "--cell",
            cellHex,
            "--from",
            Long.toString(zoneFrom),
            "--until",
            Long.toString(zoneFrom + 1_000));
    assertThat(added.exitCode()).as(added.toString()).isZero();
    Matcher m = Pattern.compile("zone (\\d+) protects").matcher(added.out());
    assertThat(m.find()).isTrue();
    long zone = Long.parseLong(m.group(1));
    CliRunner all =
        run(
            common,
            "regulator",
            "zone",
            "add",
            "--band",
            "7",
            "--cell",
            "all",
            "--from",
            Long.toString(zoneFrom + 4_000),
            "--until",
            Long.toString(zoneFrom + 5_000));
    assertThat(all.exitCode()).as(all.toString()).isZero();
    CliRunner listed = run(common, "regulator", "zone", "list", "--band", "7", "--cell", cellHex);
    assertThat(listed.out()).contains("2 zone(s)").contains("all").contains(zoneFromIso);
    CliRunner listedJson =
        run(common, "regulator", "zone", "list", "--band", "7", "--cell", cellHex, "--json");
    assertThat(listedJson.out())
        .contains("\"from\" : \"" + zoneFromIso + "\"")
        .contains("\"until\" : \"" + zoneUntilIso + "\"")
        .contains("\"band\" : 7")
        .doesNotContain("null");
    CliRunner removed =
        run(
            common,
            "regulator",
            "zone",
            "remove",
            "--band",
            "7",
            "--cell",
            cellHex,
            "--zone",
            Long.toString(zone));
    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(admin.policy().protectionZones(7, cell))
        .extracting(z -> z.id())
        .doesNotContain(zone)
        .hasSize(1);

    SigningKey op =
        ledger.newOperator("Campus", OperatorKind.MICRO_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    // a quantity says its unit: a bare number (once milli-SRU, where other commands take SRU) is
    // refused with both readings, before anything is sent
    CliRunner bare = licence(common, op, cellHex, "12000", "0", "2096-10-02T07:06:40Z");
    bare.assertFailedCleanly(2, "'12000' has no unit: write 12000mSRU (12 SRU) or 12000SRU");
    assertThat(admin.policy().licence(op.address(), 7, cell).quantity()).isZero();
    CliRunner licensed = licence(common, op, cellHex, "12SRU", "0", "2096-10-02T07:06:40Z");
    assertThat(licensed.exitCode()).as(licensed.toString()).isZero();
    assertThat(licensed.out())
        .contains(
            "licence of 12 SRU (12000 milli-SRU) per slot from 1970-01-01T00:00:00Z until"
                + " 2096-10-02T07:06:40Z set for");
    assertThat(admin.policy().licence(op.address(), 7, cell))
        .isEqualTo(new Licence(op.address(), 7, cell, 12_000, 0, 4_000_000_000L));
    CliRunner inMilli = licence(common, op, cellHex, "12500mSRU", "0", "2096-10-02T07:06:40Z");
    assertThat(inMilli.out())
        .as(inMilli.toString())
        .contains("licence of 12.5 SRU (12500 milli-SRU)");
    assertThat(admin.policy().licence(op.address(), 7, cell).quantity()).isEqualTo(12_500);
    licence(common, op, cellHex, "12SRU", "0", "2096-10-02T07:06:40Z");

    // milliseconds by mistake, or a local time without its zone, are refused before anything is
    // sent
    CliRunner millis =
        licence(common, op, cellHex, "12SRU", "1796310000000", "2096-10-02T07:06:40");
    millis.assertFailedCleanly(2, "looks like milliseconds");

    // a licence that has already ended would replace the live one: refused, the live one kept
    CliRunner ended =
        licence(common, op, cellHex, "1SRU", "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z");
    ended.assertFailedCleanly(2, "has passed");
    assertThat(admin.policy().licence(op.address(), 7, cell).quantity()).isEqualTo(12_000);

    CliRunner suspended =
        run(common, "regulator", "suspend", "--operator", op.address().toString());
    assertThat(suspended.exitCode()).as(suspended.toString()).isZero();
    assertThat(admin.policy().operatorInfo(op.address()).suspended()).isTrue();
    run(common, "regulator", "suspend", "--operator", op.address().toString(), "--reinstate");
    assertThat(admin.policy().operatorInfo(op.address()).suspended()).isFalse();

    // what the chain refuses comes back as one clear line
    CliRunner twice =
        run(
            common,
            "regulator",
            "band",
            "register",
            "--band",
            "7",
            "--low-khz",
            "1",
            "--high-khz",
            "2",
            "--grid",
            "60");
    twice.assertFailedCleanly(4, "PolicyBandAlreadyRegistered");
    CliRunner noGrid =
        run(
            common,
            "regulator",
            "band",
            "register",
            "--band",
            "8",
            "--low-khz",
            "1",
            "--high-khz",
            "2");
    assertThat(noGrid.exitCode()).as("a band without a grid is refused").isEqualTo(2);
    CliRunner zeroGrid =
        run(
            common,
            "regulator",
            "band",
            "register",
            "--band",
            "8",
            "--low-khz",
            "1",
            "--high-khz",
            "2",
            "--grid",
            "0");
    zeroGrid.assertFailedCleanly(2, "slot grid must be 1");
    CliRunner unknown = run(common, "regulator", "band", "grid", "--band", "99", "--seconds", "60");
    unknown.assertFailedCleanly(2, "band 99 is not registered");
    CliRunner notRegistered = run(common, "regulator", "band", "show", "--band", "99");
    notRegistered.assertFailedCleanly(2, "band 99 is not registered");
    CliRunner badCell =
        run(common, "regulator", "zone", "list", "--band", "7", "--cell", "nonsense");
    assertThat(badCell.exitCode()).as(badCell.toString()).isEqualTo(2);
  }

  /** {@code regulator licence} for {@code op} in band 7, cell {@code cell}. */
  private static CliRunner licence(
      String[] common, SigningKey op, String cell, String quantity, String from, String until) {
    return run(
        common,
        "regulator",
        "licence",
        "--operator",
        op.address().toString(),
        "--band",
        "7",
        "--cell",
        cell,
        "--quantity",
        quantity,
        "--from",
        from,
        "--until",
        until);
  }

  private static CliRunner run(String[] common, String... args) {
    return CliRunner.run(Stream.concat(Stream.of(args), Stream.of(common)).toArray(String[]::new));
  }
}

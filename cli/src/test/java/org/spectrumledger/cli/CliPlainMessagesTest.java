package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistyped value is named with the form it should take, in the command's own words: no parser's
 * indexes or radixes, no Java exception text. These are refused before a key, a chain or a broker
 * is needed.
 */
class CliPlainMessagesTest {

  private static final long HOUR = 3_600;

  private static CliRunner order(String... extra) {
    String[] base = {"operator", "order", "--side", "bid", "--quantity", "1", "--limit", "1"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRunner.run(all);
  }

  private static String nextHours(int from, int to) {
    long hour = Instant.now().getEpochSecond() / HOUR * HOUR;
    return (hour + from * HOUR) + "-" + (hour + to * HOUR);
  }

  @Test
  void aMistypedCellOrTimeIsNamedWithoutTheParsersWords() {
    CliRunner cell = order("--band", "4", "--cell", "x7", "--slot", nextHours(2, 3));
    cell.assertFailedCleanly(2, "not a cell id: 'x7'");
    assertThat(cell.err()).doesNotContain("For input string", "radix");

    CliRunner date =
        order(
            "--band",
            "4",
            "--cell",
            "0x7",
            "--slot",
            nextHours(2, 3),
            "--valid-until",
            "2026-12-04");
    // a date is a time, but which one needs its time and zone: said so, not that it is no date
    date.assertFailedCleanly(2, "--valid-until");
    assertThat(date.err())
        .contains("give a full timestamp with its zone (2026-12-04T00:00:00Z)")
        .doesNotContain("could not be parsed", "index", "neither");

    CliRunner huge =
        order(
            "--band",
            "4",
            "--cell",
            "0x7",
            "--slot",
            nextHours(2, 3),
            "--valid-until",
            "99999999999999999999");
    huge.assertFailedCleanly(2, "--valid-until");
    assertThat(huge.err())
        .contains("unix seconds run from 0 to 99999999999")
        .doesNotContain("For input string");
  }

  @Test
  void aSlotUnderWayOrOverIsSaidSoNotThatTheOrderExpired() {
    CliRunner underWay = order("--band", "4", "--cell", "0x7", "--slot", nextHours(0, 1));
    underWay.assertFailedCleanly(2, "started at");
    assertThat(underWay.err()).contains("--valid-until").doesNotContain("expired");

    CliRunner over = order("--band", "4", "--cell", "0x7", "--slot", nextHours(-3, -2));
    over.assertFailedCleanly(2, "ended at");
  }

  @Test
  void aTimeInMillisecondsIsCaughtWhereverATimeIsTaken() {
    CliRunner leases =
        CliRunner.run(
            "operator", "leases", "--address", "0x" + "11".repeat(20), "--at", "1796407200000");
    leases.assertFailedCleanly(2, "looks like milliseconds");

    long hour = Instant.now().getEpochSecond() / HOUR * HOUR + 2 * HOUR;
    String slotMillis = hour * 1_000 + "-" + (hour + HOUR) * 1_000;
    CliRunner validUntil =
        order(
            "--band",
            "4",
            "--cell",
            "0x7",
            "--slot",
            nextHours(2, 3),
            "--valid-until",
            Long.toString(hour * 1_000));
    validUntil.assertFailedCleanly(2, "looks like milliseconds");
    assertThat(validUntil.err()).contains("--valid-until").contains("(" + hour + ")");

    // a slot in milliseconds is on no band's grid; that it is milliseconds is what is said
    CliRunner slot = order("--band", "4", "--cell", "0x7", "--slot", slotMillis);
    slot.assertFailedCleanly(2, "--slot start " + hour * 1_000 + " looks like milliseconds");
    assertThat(slot.err()).doesNotContain("grid");
    CliRunner market = order("--market", "4/0x7/" + slotMillis);
    market.assertFailedCleanly(
        2, "'--market': slot start " + hour * 1_000 + " looks like milliseconds");

    CliRunner firstSlot =
        CliRunner.run(
            "operator",
            "run",
            "--data",
            "nowhere.tsv",
            "--first-slot",
            Long.toString(hour * 1_000));
    firstSlot.assertFailedCleanly(2, "looks like milliseconds");
    assertThat(firstSlot.err()).contains("--first-slot");

    CliRunner licence =
        CliRunner.run(
            "operator",
            "register",
            "--operator",
            "0x" + "11".repeat(20),
            "--kind",
            "micro_operator",
            "--name",
            "Campus",
            "--licence",
            "4:0x7:8SRU:" + hour * 1_000 + ":" + (hour + HOUR) * 1_000);
    licence.assertFailedCleanly(2, "--licence FROM " + hour * 1_000 + " looks like milliseconds");

    // 3600000 s is 41.7 days: an hour in milliseconds, by mistake
    for (String grid : new String[] {"3600000", "900000", "86400000"}) {
      CliRunner band =
          CliRunner.run(
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
              grid);
      band.assertFailedCleanly(2, "looks like milliseconds (" + Long.parseLong(grid) / 1_000);
    }
    CliRunner move =
        CliRunner.run("regulator", "band", "grid", "--band", "7", "--seconds", "3600000");
    move.assertFailedCleanly(2, "looks like milliseconds (3600 s)");
  }

  @Test
  void aListingsLimitIsCheckedBeforeTheBrokerIsAsked() {
    for (String command : new String[] {"trades", "orders", "audit"}) {
      for (String limit : new String[] {"0", "-1", "100000"}) {
        CliRunner r = CliRunner.run("operator", command, "--limit", limit);
        r.assertFailedCleanly(2, "--limit must be 1 .. 1000");
      }
      CliRunner help = CliRunner.run("operator", command, "--help");
      assertThat(help.out()).as(command).contains("1 .. 1000");
    }
  }

  @Test
  void theDaemonRefusesToRunNoIntervals() {
    for (String steps : new String[] {"-3", "0"}) {
      CliRunner r = CliRunner.run("operator", "run", "--data", "nowhere.tsv", "--steps", steps);
      r.assertFailedCleanly(2, "--steps must be 1 or more, got " + steps);
    }
  }

  @Test
  void theDemoChecksItsArgumentsBeforeAnyWork() throws Exception {
    for (String steps : new String[] {"0", "-1"}) {
      CliRunner.run("demo", "--steps", steps)
          .assertFailedCleanly(2, "--steps must be 1 or more, got " + steps);
    }
    CliRunner report = CliRunner.run("demo", "--steps", "1", "--report", "/nonexistent-dir/r.json");
    report.assertFailedCleanly(2, "there is no directory /nonexistent-dir");
    assertThat(report.err()).doesNotContain("training");
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      CliRunner port =
          CliRunner.run("demo", "--steps", "1", "--port", Integer.toString(busy.getLocalPort()));
      port.assertFailedCleanly(2, "--port " + busy.getLocalPort() + " cannot be bound");
      assertThat(port.err()).doesNotContain("training");
    }
  }

  @Test
  void aNamedValueTakesAnyCase() {
    var parsed =
        SpectrumCli.commandLine()
            .parseArgs(
                "operator",
                "register",
                "--operator",
                "0x" + "11".repeat(20),
                "--kind",
                "micro_operator",
                "--name",
                "Campus");
    Object kind = parsed.subcommand().subcommand().matchedOptionValue("--kind", null);
    assertThat(String.valueOf(kind)).isEqualTo("MICRO_OPERATOR");
  }

  @Test
  void aNumberNotWholeOrTooLargeIsNamedWithWhatTheOptionTakes() {
    CliRunner band = CliRunner.run("regulator", "licence", "--band", "2.5");
    band.assertFailedCleanly(2, "'--band': it takes a whole number, not '2.5'");
    assertThat(band.err()).doesNotContain("is not a long");

    CliRunner limit = CliRunner.run("operator", "trades", "--limit", "99999999999");
    limit.assertFailedCleanly(2, "'--limit': 99999999999 is too large");
    assertThat(limit.err()).doesNotContain("is not an int").doesNotContain("2147483647");

    CliRunner nonce = order("--nonce", "99999999999999999999");
    nonce.assertFailedCleanly(2, "'--nonce': 99999999999999999999 is too large");
    assertThat(nonce.err()).doesNotContain("is not a long");
  }

  @Test
  void aConfigFileThatIsNotJsonSaysWhereAndWhatInPlainWords(@TempDir Path home) throws Exception {
    Path config = home.resolve("config.json");
    Files.writeString(config, "{\"rpcUrl\": \"http://127.0.0.1:8545\",\n bad: 1}\n");
    CliRunner r = CliRunner.run("operator", "status", "--config", config.toString());
    r.assertFailedCleanly(
        2,
        "not valid JSON at line 2, column 2: a setting's name in double quotes was expected,"
            + " found 'b'");
    assertThat(r.err()).doesNotContain("Unexpected character", "code 98", "double-quote");

    Files.writeString(config, "{\"rpcUrl\": \"http://127.0.0.1:8545\"\n");
    CliRunner unclosed = CliRunner.run("operator", "status", "--config", config.toString());
    unclosed.assertFailedCleanly(2, "the file ends before the closing '}'");
    assertThat(unclosed.err()).doesNotContain("marker", "REDACTED", "StreamReadFeature");
  }

  @Test
  void aValueFromTheConfigFileThatDoesNotConvertSaysItCameFromTheFileAndItsKey(@TempDir Path home)
      throws Exception {
    Path config = home.resolve("config.json");
    Files.writeString(config, "{\"limit\": \"ten\"}\n");
    CliRunner r = CliRunner.run("operator", "trades", "--config", config.toString());
    r.assertFailedCleanly(2, "'--limit'");
    assertThat(r.err())
        .contains("(the value came from \"limit\" in the config file " + config + ")");

    // typed after the flag, the value is the user's own: no word of a file
    CliRunner typed =
        CliRunner.run("operator", "trades", "--config", config.toString(), "--limit", "ten");
    typed.assertFailedCleanly(2, "'--limit'");
    assertThat(typed.err()).doesNotContain("came from");
  }

  @Test
  void aDeploymentRecordThatIsNotJsonSaysWhereAndWhatInOneLine(@TempDir Path home)
      throws Exception {
    Path record = home.resolve("deployment.json");
    Files.writeString(record, "{\"chainId\": 5,\n contracts: {}}");
    CliRunner r = CliRunner.run("broker", "run", "--deployment", record.toString());
    r.assertFailedCleanly(
        2,
        "deployment record "
            + record
            + " is malformed: not valid JSON at line 2, column 2: a setting's name in double"
            + " quotes was expected, found 'c'");
    assertThat(r.err()).doesNotContain("REDACTED", "StreamReadFeature", "code 99");
    assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
  }
}

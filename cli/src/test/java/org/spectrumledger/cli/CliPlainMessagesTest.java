package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

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
    date.assertFailedCleanly(2, "--valid-until must be unix seconds or an ISO date");
    assertThat(date.err()).doesNotContain("could not be parsed", "index");
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
}

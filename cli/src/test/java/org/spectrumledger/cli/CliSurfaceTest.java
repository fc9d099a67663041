package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One name per concept across every command: the key is {@code --key}, fees {@code --gas}, the
 * chain {@code --rpc}; read-only commands list no {@code --gas}, commands that never talk to the
 * broker no {@code --broker}; every command that prints data has {@code --json}. The older
 * spellings still parse.
 */
class CliSurfaceTest {

  private static final Set<String> RETIRED = Set.of("--keystore", "--key-file", "--fees");

  private static final Set<String> SIGNING =
      Set.of(
          "network deploy",
          "broker run",
          "broker bond post",
          "broker bond withdraw",
          "operator register",
          "operator deposit",
          "operator withdraw",
          "operator order",
          "operator cancel",
          "operator run",
          "regulator band register",
          "regulator band update",
          "regulator licence",
          "regulator suspend",
          "regulator mint");

  private static final Set<String> PRINTS_DATA =
      Set.of(
          "operator status",
          "operator leases",
          "operator trades",
          "operator orders",
          "operator order",
          "operator keys show",
          "regulator band show",
          "regulator zone list",
          "explore tx",
          "explore operator",
          "explore market",
          "broker bond status");

  private static List<CommandSpec> leaves(CommandLine c, List<CommandSpec> into) {
    if (c.getSubcommands().isEmpty() || c.getCommandSpec().name().equals("help")) {
      into.add(c.getCommandSpec());
    }
    for (CommandLine sub : c.getSubcommands().values()) {
      if (!sub.getCommandSpec().name().equals("help")) {
        leaves(sub, into);
      }
    }
    return into;
  }

  private static String name(CommandSpec s) {
    return s.qualifiedName(" ").replaceFirst("^spectrum ", "");
  }

  private static List<String> shown(CommandSpec s) {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : s.options()) {
      if (!o.hidden()) {
        names.addAll(List.of(o.names()));
      }
    }
    return names;
  }

  @Test
  void everyCommandNamesEachConceptOnce() {
    List<CommandSpec> all = leaves(SpectrumCli.commandLine(), new ArrayList<>());
    assertThat(all).hasSizeGreaterThan(30);
    for (CommandSpec s : all) {
      String name = name(s);
      List<String> shown = shown(s);
      assertThat(shown).as(name).doesNotContainAnyElementsOf(RETIRED);
      if (SIGNING.contains(name)) {
        assertThat(shown).as(name + " takes its key as --key").contains("--key");
        assertThat(shown).as(name + " has --rpc").contains("--rpc");
        if (!SpectrumCli.READ_ONLY.contains(name)) {
          assertThat(shown).as(name + " sends a transaction: --gas").contains("--gas");
        }
      }
      if (SpectrumCli.READ_ONLY.contains(name)) {
        assertThat(shown).as(name + " sends no transaction").doesNotContain("--gas");
      }
      if ((name.startsWith("operator ") || name.startsWith("regulator "))
          && !SpectrumCli.BROKER_USERS.contains(name)) {
        assertThat(shown).as(name + " never talks to the broker").doesNotContain("--broker");
      }
      if (PRINTS_DATA.contains(name)) {
        assertThat(shown).as(name + " prints data").contains("--json");
      }
    }
    CommandSpec book =
        all.stream().filter(s -> name(s).equals("regulator book")).findFirst().orElseThrow();
    assertThat(shown(book)).as("regulator book talks to the broker").contains("--broker");
    CommandSpec audit =
        all.stream().filter(s -> name(s).equals("operator audit")).findFirst().orElseThrow();
    assertThat(shown(audit))
        .as("operator audit reads its orders from the broker")
        .contains("--broker");
    // register --licence grants a licence (BAND:CELL:QUANTITY:FROM:UNTIL); the daemon's option
    // counts one in SRU, and says so
    CommandSpec run =
        all.stream().filter(s -> name(s).equals("operator run")).findFirst().orElseThrow();
    assertThat(shown(run)).contains("--licence-sru").doesNotContain("--licence");
    assertThat(all.stream().map(CliSurfaceTest::name))
        .containsAll(SIGNING)
        .containsAll(PRINTS_DATA);
  }

  @Test
  void theOlderSpellingsStillParse() {
    CommandLine cli = SpectrumCli.commandLine();
    assertThatCode(
            () ->
                cli.parseArgs(
                    "operator",
                    "status",
                    "--keystore",
                    "k.json",
                    "--broker",
                    "http://b",
                    "--gas",
                    "free"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                SpectrumCli.commandLine()
                    .parseArgs("broker", "run", "--key-file", "broker.key", "--gas", "free"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                SpectrumCli.commandLine()
                    .parseArgs("network", "deploy", "--key", "env:K", "--fees", "free"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                SpectrumCli.commandLine()
                    .parseArgs("operator", "run", "--data", "d.csv", "--licence", "0"))
        .doesNotThrowAnyException();
  }
}

package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IsssSimulateCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {}

  /** Runs {@code operator …} with the CLI's convention: an IllegalArgumentException exits 2. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OperatorCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("error: " + e.getMessage());
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void printsATableOfTheGainsPerEWithTheirIntervals() {
    Run r = run("isss", "simulate", "--p-busy", "0.40", "--intervals", "2000");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("P_busy = 0.40")
        .contains("mode all, tie access, overhead log2")
        .contains("ISSS G_I")
        .contains("coop G_U")
        .contains("12 runs x 2,000 intervals")
        // 10 bands busy 40 % of the time, each missed with P_f,s = 0.15: 0.6 per interval
        .contains("(exact 0.60)")
        .containsPattern("the single node interferes 0\\.[56]\\d times per interval of 10 bands");
    List<String> rows = r.out().lines().filter(l -> l.matches("\\s*\\d+\\s+-?\\d.*")).toList();
    assertThat(rows).hasSize(12);
    assertThat(rows.get(0).trim()).startsWith("1 ");
    assertThat(rows.get(11).trim()).startsWith("12 ");
  }

  @Test
  void printsTheJsonTheIssueSpecifiesWithIntervalsAndClosedForm() throws Exception {
    Run r =
        run(
            "isss",
            "simulate",
            "--p-busy",
            "0.7",
            "--nodes",
            "1,10",
            "--intervals",
            "4000",
            "--mode",
            "dedicated",
            "--tie",
            "deny",
            "--json");

    assertThat(r.exit()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("pBusy").asDouble()).isEqualTo(0.7);
    assertThat(root.get("mode").asText()).isEqualTo("dedicated");
    assertThat(root.get("tie").asText()).isEqualTo("deny");
    JsonNode results = root.get("results");
    assertThat(results).hasSize(2);
    JsonNode ten = results.get(1);
    assertThat(ten.get("nodes").asInt()).isEqualTo(10);
    for (String config : List.of("isss", "coop")) {
      for (String gain : List.of("gI", "gU", "gS")) {
        assertThat(ten.get(config).get(gain).isNumber()).as(config + "." + gain).isTrue();
      }
    }
    JsonNode isss = ten.get("isss");
    double low = isss.get("ci95").get("gU").get(0).asDouble();
    double high = isss.get("ci95").get("gU").get(1).asDouble();
    // a real interval around the estimate, and it covers the exact binomial value (seed 1)
    assertThat(high).isGreaterThan(low);
    assertThat(isss.get("closedForm").get("gU").asDouble()).isBetween(low, high);
    assertThat(isss.get("gS").asDouble()).isEqualTo(isss.get("closedForm").get("gS").asDouble());
    assertThat(results.get(0).get("isss").get("closedForm").get("gI").asDouble()).isZero();
  }

  @Test
  void severalRegimesGiveAJsonArrayOneObjectPerRegime() throws Exception {
    Run r =
        run(
            "isss",
            "simulate",
            "--p-busy",
            "0.15,0.40,0.70",
            "--nodes",
            "3",
            "--intervals",
            "500",
            "--json");

    JsonNode root = JSON.readTree(r.out());
    assertThat(root.isArray()).isTrue();
    assertThat(root).extracting(n -> n.get("pBusy").asDouble()).containsExactly(0.15, 0.40, 0.70);
  }

  @Test
  void theSameSeedGivesTheSameOutputAndAnotherSeedAnother() {
    String[] args = {
      "isss", "simulate", "--p-busy", "0.4", "--nodes", "1..4", "--intervals", "1000", "--json"
    };
    String first = run(args).out();
    String again = run(args).out();
    String other =
        run(
                "isss",
                "simulate",
                "--p-busy",
                "0.4",
                "--nodes",
                "1..4",
                "--intervals",
                "1000",
                "--json",
                "--seed",
                "2")
            .out();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void acceptsARangeAValueOrAListOfNodeCounts() {
    assertThat(IntList.parse("1..12", 1000).values()).hasSize(12).startsWith(1).endsWith(12);
    assertThat(IntList.parse("10", 1000).values()).containsExactly(10);
    assertThat(IntList.parse("12, 1..3,2", 1000).values()).containsExactly(1, 2, 3, 12);
  }

  @Test
  void aBadNodeRangeIsAUsageErrorNamingTheOption() {
    Run r = run("isss", "simulate", "--p-busy", "0.4", "--nodes", "0..3");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--nodes").contains("within 1..1000");
  }

  @Test
  void aLoadOutsideZeroToOneIsAnErrorNotAStackTrace() {
    Run r = run("isss", "simulate", "--p-busy", "1.2");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("error: --p-busy must lie strictly between 0 and 1")
        .doesNotContain("at org.");
  }

  @Test
  void anUnknownModeOrTieRuleIsAUsageError() {
    assertThat(run("isss", "simulate", "--p-busy", "0.4", "--mode", "some").err())
        .contains("mode must be all or dedicated");
    assertThat(run("isss", "simulate", "--p-busy", "0.4", "--tie", "coin").exit()).isEqualTo(2);
  }

  @Test
  void weightsMustMatchTheServices() {
    Run r = run("isss", "simulate", "--p-busy", "0.4", "--services", "3", "--weights", "1,2");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--weights has 2 values for 3 services");
  }

  @Test
  void writesTheChartsOfFiguresOneToThree(@TempDir Path dir) throws Exception {
    Run r =
        run(
            "isss",
            "simulate",
            "--p-busy",
            "0.15,0.40",
            "--nodes",
            "1..10",
            "--intervals",
            "300",
            "--plot",
            dir.toString());

    assertThat(r.exit()).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "isss-interference-vs-nodes.png",
              "isss-utilisation-vs-nodes.png",
              "isss-frontier.png",
              "isss-radar-pbusy-0.15.png",
              "isss-radar-pbusy-0.40.png");
    }
    byte[] png = Files.readAllBytes(dir.resolve("isss-frontier.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(r.out()).contains("wrote " + dir.resolve("isss-frontier.png"));
  }

  @Test
  void theOperatorCommandListsIsss() {
    assertThat(run("--help").out()).contains("isss");
    assertThat(run("isss", "--help").out()).contains("simulate");
  }
}

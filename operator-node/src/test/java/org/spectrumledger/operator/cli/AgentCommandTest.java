package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.operator.agent.AgentStore;
import org.spectrumledger.operator.agent.DemandTrace;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.agent.TrainedAgent;

/**
 * The agent commands on 8 days of hourly data: the agent trains on days 3 to 5 (the forecaster
 * warms up on the first 2) for a few episodes and is evaluated on days 6 to 8. Small enough to run
 * in a second; the real experiment is in the README.
 */
class AgentCommandTest {

  @TempDir Path tmp;

  private String[] args(Path data, String command, String... more) {
    List<String> a = new ArrayList<>();
    a.addAll(
        List.of(
            "agent",
            command,
            "--data",
            data.toString(),
            "--granularity",
            "1h",
            "--train-days",
            "5",
            "--episodes",
            "8"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void trainSavesTheAgentAndEvalScoresTheSavedOneAsItsOwnFirstSeed() throws Exception {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    Path model = tmp.resolve("models/agent.json");

    Cli.Run train = Cli.operator(args(data, "train", "--seeds", "1", "--out", model.toString()));

    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out())
        .contains("seed", "episodes", "steps/s", "saved the first seed's agent to " + model);
    TrainedAgent saved = AgentStore.load(model);
    assertThat(saved.config().episodes()).isEqualTo(8);

    Cli.Run eval =
        Cli.operator(args(data, "eval", "--seeds", "1", "--model", model.toString(), "--json"));

    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(eval.out());
    // the same data, settings and seed train the same agent: the saved one scores the same
    assertThat(root.get("savedModelProfit").asDouble())
        .isEqualTo(root.get("policies").get("ddqn").get("profit").asDouble());
  }

  @Test
  void evalJsonReportsEveryPolicyWithSpreadDeficitAndSurplus() throws Exception {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);

    Cli.Run run = Cli.operator(args(data, "eval", "--seeds", "2", "--json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("interval").asText()).isEqualTo("1h");
    assertThat(root.get("seeds").asInt()).isEqualTo(2);
    assertThat(root.get("evalSteps").asInt()).isEqualTo(3 * 24 - 1);
    JsonNode policies = root.get("policies");
    List<String> names = new ArrayList<>();
    policies.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("ddqn", "static", "rule", "oracle");
    double oracle = policies.get("oracle").get("profit").asDouble();
    double s = policies.get("static").get("profit").asDouble();
    double ddqn = policies.get("ddqn").get("profit").asDouble();
    // the oracle plans with the demand to come: nothing earns more, and the static operator less
    assertThat(oracle).isPositive().isGreaterThan(s);
    for (String name : names) {
      JsonNode p = policies.get(name);
      for (String field :
          List.of(
              "profit",
              "profitStd",
              "normalisedProfit",
              "deficitSruHours",
              "deficitSruHoursStd",
              "surplusSruHours",
              "surplusSruHoursStd")) {
        assertThat(p.get(field).isNumber()).as(name + "." + field).isTrue();
      }
      assertThat(p.get("profit").asDouble()).as(name).isLessThanOrEqualTo(oracle + 1e-9);
      // normalised to the best policy: at most 1, and in the same order as the profits
      assertThat(p.get("normalisedProfit").asDouble()).as(name).isLessThanOrEqualTo(1 + 1e-12);
      for (String other : names) {
        JsonNode q = policies.get(other);
        if (p.get("profit").asDouble() < q.get("profit").asDouble()) {
          assertThat(p.get("normalisedProfit").asDouble())
              .as(name + " vs " + other)
              .isLessThan(q.get("normalisedProfit").asDouble());
        }
      }
      assertThat(p.get("deficitSruHours").asDouble()).isGreaterThanOrEqualTo(0);
      assertThat(p.get("surplusSruHours").asDouble()).isGreaterThanOrEqualTo(0);
    }
    // one deterministic run each: no spread; the static operator never trades
    for (String name : List.of("static", "rule", "oracle")) {
      assertThat(policies.get(name).get("profitStd").asDouble()).isZero();
    }
    // the agent cannot close more than the whole gap, and closes a positive share exactly when it
    // beats the static operator
    double gap = root.get("gapClosed").asDouble();
    assertThat(gap).isLessThanOrEqualTo(1 + 1e-12);
    assertThat(gap > 0).isEqualTo(ddqn > s);
    assertThat(root.get("trainSeconds")).hasSize(2);
    assertThat(root.get("demandMovesAboveLargestAction").asDouble()).isBetween(0.0, 1.0);
    assertThat(root.get("medianDemandMove").asDouble()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void demandMovesCountTheStepsBetweenEvaluatedDemands() {
    double[] d = {0, 24, 25, 29, 28, 28, 20, 99};
    double[] zero = new double[d.length];
    DemandTrace trace = new DemandTrace(d, zero, zero, zero, zero, 1);

    // steps 1..6: moves 1, 4, 1, 0, 8; the first and last demands are outside the span
    AgentCommand.DemandMoves m = AgentCommand.DemandMoves.of(trace, 1, 7, MarketConfig.paper());

    assertThat(m.largestAction()).isEqualTo(3.0);
    assertThat(m.shareAbove()).isEqualTo(0.4);
    assertThat(m.median()).isEqualTo(1.0);
  }

  @Test
  void evalTableAndChartsShowEveryPolicyAndTheGapShare() {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    Path charts = tmp.resolve("charts");

    Cli.Run run = Cli.operator(args(data, "eval", "--seeds", "2", "--plot", charts.toString()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("hourly.csv every 1h: train steps 48..120, evaluate 71 steps; 2 seed(s)")
        .contains("policy", "normalised", "deficit SRU·h", "surplus SRU·h")
        .containsPattern("(?m)^oracle +[0-9.]+ +0\\.0 +1\\.0000 ")
        .containsPattern("agent closes -?[0-9.]+ % of the static-to-oracle profit gap")
        .contains("agent: actions SCALED, decision MARGIN, state VOLATILITY (5 inputs)")
        .containsPattern("seeds with the agent's profit >= static: [0-2]/2, >= rule: [0-2]/2")
        .containsPattern(
            "demand moves by more than 3 SRU \\(the paper's largest action\\) in [0-9.]+ % of the"
                + " evaluated steps; median move [0-9.]+ SRU");
    for (String policy : List.of("ddqn", "static", "rule")) {
      assertThat(run.out()).containsPattern("(?m)^" + policy + " ");
    }
    assertThat(run.err()).contains("training 2 seed(s): 100%");
    for (String chart :
        List.of(
            "agent-allocation-hourly.png", "agent-profit-hourly.png", "agent-reward-hourly.png")) {
      assertThat(Cli.isPng(charts.resolve(chart))).as(chart).isTrue();
    }
  }

  @Test
  void evalTakesThePaperConfigurationAndAblationSwitches() {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);

    Cli.Run paper = Cli.operator(args(data, "eval", "--seeds", "1", "--config", "paper"));
    Cli.Run ablated =
        Cli.operator(
            args(
                data,
                "eval",
                "--seeds",
                "1",
                "--state",
                "PRICE",
                "--objective",
                "PAPER",
                "--decision",
                "TRADE",
                "--actions",
                "PAPER",
                "--tau",
                "1",
                "--discount",
                "0",
                "--all-actions",
                "true"));

    assertThat(paper.exitCode()).as(paper.err()).isZero();
    assertThat(paper.out())
        .contains(
            "agent: actions PAPER, decision TRADE, state PAPER (4 inputs), objective PAPER,"
                + " discount 0.9");
    assertThat(ablated.exitCode()).as(ablated.err()).isZero();
    assertThat(ablated.out())
        .contains(
            "agent: actions PAPER, decision TRADE, state PRICE (6 inputs), objective PAPER,"
                + " discount 0.0, all actions true, tau 1.0");
  }

  @Test
  void synthWritesASeededSeriesEvalReads() throws Exception {
    Path a = tmp.resolve("a.tsv");
    Path b = tmp.resolve("b.tsv");

    Cli.Run run =
        Cli.operator(
            "agent",
            "synth",
            "--volatility",
            "3",
            "--seed",
            "4",
            "--days",
            "3",
            "--out",
            a.toString());
    Cli.operator(
        "agent", "synth", "--volatility", "3", "--seed", "4", "--days", "3", "--out", b.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("wrote 72 hours to .*; demand moves by more than 3 SRU");
    assertThat(java.nio.file.Files.readString(a))
        .startsWith("Time\tNRB\n2023-01-01 00:00:00\t")
        .isEqualTo(java.nio.file.Files.readString(b));
  }

  @Test
  void sweepComparesTheConfigurationsAndDrawsTheChart() {
    Path charts = tmp.resolve("sweep");

    Cli.Run run =
        Cli.operator(
            "agent",
            "sweep",
            "--volatilities",
            "0.5,3",
            "--seeds",
            "1",
            "--days",
            "17",
            "--episodes",
            "1",
            "--plot",
            charts.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("volatility", "moves > 3 SRU", "static", "ddqn paper", "ddqn default")
        .containsPattern("(?m)^ *3\\.0 +[0-9.]+ %");
    assertThat(Cli.isPng(charts.resolve("agent-volatility-sweep.png"))).isTrue();
  }

  @Test
  void trainJsonGivesTimingsAndOneRewardPerEpisode() throws Exception {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    Path charts = tmp.resolve("charts");

    Cli.Run run =
        Cli.operator(
            args(
                data,
                "train",
                "--seeds",
                "1",
                "--out",
                tmp.resolve("a.json").toString(),
                "--json",
                "--plot",
                charts.toString()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("episodes").asInt()).isEqualTo(8);
    assertThat(root.get("stepsPerSeed").asLong()).isEqualTo(8 * (120 - 48 - 1));
    assertThat(root.get("episodeRewards").get(0)).hasSize(8);
    assertThat(root.get("stepsPerSecond").get(0).asDouble()).isPositive();
    assertThat(Files.exists(tmp.resolve("a.json"))).isTrue();
    assertThat(Cli.isPng(charts.resolve("agent-reward-hourly.png"))).isTrue();
  }
}

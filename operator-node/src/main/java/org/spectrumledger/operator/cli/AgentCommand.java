package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.ProgressBar;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.agent.AgentConfig;
import org.spectrumledger.operator.agent.AgentExperiment;
import org.spectrumledger.operator.agent.AgentStore;
import org.spectrumledger.operator.agent.DemandTrace;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.agent.PolicyRun;
import org.spectrumledger.operator.agent.Settlement;
import org.spectrumledger.operator.agent.SpectrumMarket;
import org.spectrumledger.operator.agent.SyntheticDemand;
import org.spectrumledger.operator.agent.TrainedAgent;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;
import org.spectrumledger.operator.forecast.ForecastModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator agent …}: the DDQN bidding agent. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "The DDQN bidding agent: train it, or evaluate it against static, rule and oracle.",
    subcommands = {
      AgentCommand.Train.class,
      AgentCommand.Eval.class,
      AgentCommand.Synth.class,
      AgentSweep.class
    })
public final class AgentCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The agent's configuration and the ablation switches that change one choice of it. */
  static final class AgentOptions {
    @Option(
        names = "--config",
        defaultValue = "default",
        description =
            "paper (the paper's DDQN) or default (scaled actions, a margin over the forecast, profit"
                + " as the reward, volatility in the state, no look-ahead); default ${DEFAULT-VALUE}")
    String config;

    @Option(
        names = "--episodes",
        description = "training episodes (default: 60 hourly, 3 per minute)")
    Integer episodes;

    @Option(
        names = "--train-every",
        description = "steps per gradient update (default: 1 hourly, 4 per minute)")
    Integer trainEvery;

    @Option(names = "--discount", description = "discount factor of the return (default 0.9)")
    Double discount;

    @Option(
        names = "--actions",
        description = "ablation: PAPER (±1.5, ±3 SRU) or SCALED (to the training span's moves)")
    AgentConfig.ActionScale actions;

    @Option(
        names = "--state",
        description =
            "ablation: what the network sees: FORECAST (holding, forecast), PAPER (+ mean error,"
                + " mean demand), VOLATILITY (+ mean move), PRICE (+ price-setting demand),"
                + " RELATIVE (VOLATILITY seen from the holding), RELATIVE_PRICE (+ price)")
    AgentConfig.Features state;

    @Option(
        names = "--objective",
        description =
            "ablation: PAPER (−(8·D + 2·S + 0.5·P + T_c)) or PROFIT (profit, deficit priced at"
                + " the lost revenue)")
    AgentConfig.Objective objective;

    @Option(
        names = "--decision",
        description =
            "ablation: TRADE (the network picks a holding change) or MARGIN (it picks a margin"
                + " over the forecast in mean errors, the closest trade aims at it)")
    AgentConfig.Decision decision;

    @Option(
        names = "--all-actions",
        arity = "1",
        paramLabel = "true|false",
        description =
            "ablation: with discount 0, score every output of a replayed step on the demand that"
                + " came (true) or only the one taken (false)")
    Boolean allActions;

    @Option(
        names = "--tau",
        description = "ablation: soft target update (paper 0.005; 1 = no target network)")
    Double tau;

    @Option(names = "--epsilon-decay", description = "ablation: ε's multiplier (paper 0.995)")
    Double epsilonDecay;

    @Option(names = "--epsilon-end", description = "ablation: the floor of ε (paper 0.01)")
    Double epsilonEnd;

    /**
     * The configuration for data sampled every {@code intervalSeconds}, first seed {@code seed}.
     */
    AgentConfig build(long intervalSeconds, long seed) {
      AgentConfig.Preset preset =
          switch (config) {
            case "paper" -> AgentConfig.Preset.PAPER;
            case "default" -> AgentConfig.Preset.DEFAULT;
            default ->
                throw new IllegalArgumentException(
                    "--config must be paper or default, got '" + config + "'");
          };
      AgentConfig cfg = AgentConfig.of(preset, intervalSeconds).withSeed(seed);
      if (episodes != null) {
        cfg = cfg.withEpisodes(episodes);
      }
      if (trainEvery != null) {
        cfg = cfg.withTrainEvery(trainEvery);
      }
      if (discount != null) {
        cfg = cfg.withDiscount(discount);
      }
      if (actions != null) {
        cfg = cfg.withActionScale(actions);
      }
      if (state != null) {
        cfg = cfg.withFeatures(state);
      }
      if (objective != null) {
        cfg = cfg.withObjective(objective);
      }
      if (decision != null) {
        cfg = cfg.withDecision(decision);
      }
      if (allActions != null) {
        cfg = cfg.withAllActions(allActions);
      }
      if (tau != null) {
        cfg = cfg.withTau(tau);
      }
      if (epsilonDecay != null) {
        cfg = cfg.withEpsilonDecay(epsilonDecay);
      }
      if (epsilonEnd != null) {
        cfg = cfg.withEpsilonEnd(epsilonEnd);
      }
      return cfg;
    }

    /** A one-line description of the configuration. */
    static String describe(AgentConfig c) {
      return String.format(
          Locale.ROOT,
          "actions %s, decision %s, state %s (%d inputs), objective %s, discount %s, all actions"
              + " %s, tau %s, epsilon x%s to %s",
          c.actionScale(),
          c.decision(),
          c.features(),
          c.features().inputs(),
          c.objective(),
          c.discount(),
          c.allActions() && c.discount() == 0,
          c.tau(),
          c.epsilonDecay(),
          c.epsilonEnd());
    }
  }

  /** The options train and eval share. */
  static final class ExperimentOptions {
    @Mixin DataOptions data;

    @Mixin AgentOptions agent;

    @Option(
        names = "--granularity",
        required = true,
        description = "1h or 1m: must match the data's interval; selects the defaults")
    String granularity;

    @Option(
        names = "--price-data",
        paramLabel = "FILE",
        description =
            "the series whose demand T sets the price P = c × T (the paper: the NR operator's);"
                + " default: the operator's own demand")
    Path priceData;

    @Option(names = "--seeds", defaultValue = "5", description = "seeds (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", description = "the first seed")
    long seed;

    @Option(
        names = "--forecaster",
        defaultValue = "lag-regression",
        description = "the forecaster behind the state (default ${DEFAULT-VALUE})")
    String forecaster;

    @Option(
        names = "--train-days",
        defaultValue = "15",
        description = "days that train (default ${DEFAULT-VALUE}); the rest evaluates")
    double trainDays;

    @Option(
        names = "--settlement",
        defaultValue = "LEASE",
        description = "LEASE (per-step lease of the position) or TRADE (paid once)")
    Settlement settlement;

    @Option(
        names = "--revenue",
        defaultValue = "3.0",
        description = "revenue per SRU of served demand per step (default ${DEFAULT-VALUE})")
    double revenue;

    @Option(
        names = "--transaction-cost",
        defaultValue = "0.05",
        description = "transaction cost per SRU traded (default ${DEFAULT-VALUE})")
    double transactionCost;

    @Option(
        names = "--rule-margin",
        defaultValue = "0",
        description = "the rule trader's margin in mean absolute errors (default ${DEFAULT-VALUE})")
    double ruleMargin;

    TimeSeries series;
    double[] price;

    AgentExperiment experiment() {
      series = data.read();
      long expected =
          switch (granularity) {
            case "1h" -> 3_600;
            case "1m" -> 60;
            default ->
                throw new IllegalArgumentException(
                    "--granularity must be 1h or 1m, got '" + granularity + "'");
          };
      if (series.intervalSeconds() != expected) {
        throw new IllegalArgumentException(
            data.data
                + " is sampled every "
                + series.intervalLabel()
                + ", not "
                + granularity
                + " as --granularity says");
      }
      price = null;
      if (priceData != null) {
        TimeSeries p =
            new TimeSeriesReader(
                    TimeSeriesReader.Options.defaults()
                        .withDuplicates(data.duplicates)
                        .withMaxGapFill(data.maxGap))
                .read(priceData);
        if (p.intervalSeconds() != series.intervalSeconds() || p.size() < series.size()) {
          throw new IllegalArgumentException(
              "--price-data "
                  + priceData
                  + " must have the same interval and at least as many samples as --data ("
                  + p.size()
                  + " every "
                  + p.intervalLabel()
                  + " vs "
                  + series.size()
                  + " every "
                  + series.intervalLabel()
                  + ")");
        }
        price = p.values();
      }
      if (seeds < 1) {
        throw new IllegalArgumentException("--seeds must be >= 1");
      }
      AgentConfig cfg = agent.build(expected, seed);
      MarketConfig market =
          MarketConfig.paper()
              .withSettlement(settlement)
              .withRevenuePerSru(revenue)
              .withTransactionCost(transactionCost);
      return new AgentExperiment(
          market, cfg, ForecastModels.byName(forecaster, seed), 2, trainDays, seeds, ruleMargin);
    }

    int samplesPerDay() {
      return (int) (86_400 / series.intervalSeconds());
    }

    double hoursPerStep() {
      return series.intervalSeconds() / 3_600.0;
    }
  }

  /** The agent's demand trace over the whole series. */
  static DemandTrace trace(ExperimentOptions o, AgentExperiment exp) {
    return exp.trace(o.series.values(), o.price, o.series.season(), o.samplesPerDay());
  }

  /** Runs the experiment on {@code trace} with a progress bar over all seeds' episodes. */
  static AgentExperiment.Result run(
      CommandLine.Model.CommandSpec spec,
      ExperimentOptions o,
      AgentExperiment exp,
      DemandTrace trace) {
    try (ProgressBar bar =
        new ProgressBar(
            spec.commandLine().getErr(),
            "training " + exp.seeds() + " seed(s)",
            (long) exp.seeds() * exp.agent().episodes())) {
      return exp.run(trace, o.samplesPerDay(), o.hoursPerStep(), e -> bar.step(1));
    }
  }

  /** {@code agent train}: trains and saves the agent; prints the training figures. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = "Trains the agent on the first 15 days and saves the first seed's model.")
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ExperimentOptions options;
    @Mixin OutputOptions output;

    @Option(
        names = "--out",
        defaultValue = "agent.json",
        paramLabel = "FILE",
        description = "where to save the trained agent (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
      AgentExperiment exp = options.experiment();
      AgentExperiment.Result r = run(spec, options, exp, trace(options, exp));
      AgentStore.save(r.firstAgent(), out);
      PrintWriter pw = spec.commandLine().getOut();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("source", options.series.source());
      json.put("interval", options.series.intervalLabel());
      json.put("episodes", exp.agent().episodes());
      json.put("stepsPerSeed", r.trainSteps());
      json.put("trainSeconds", r.trainSeconds());
      List<Double> sps = new ArrayList<>();
      for (double s : r.trainSeconds()) {
        sps.add(r.trainSteps() / s);
      }
      json.put("stepsPerSecond", sps);
      json.put("episodeRewards", r.episodeRewards());
      json.put("model", out.toString());
      if (output.json) {
        pw.println(ForecastCommand.json(json));
      } else {
        TextTable t =
            new TextTable(
                "seed", "episodes", "steps", "seconds", "steps/s", "first reward", "last reward");
        for (int s = 0; s < r.trainSeconds().length; s++) {
          double[] rw = r.episodeRewards().get(s);
          t.row(
              exp.agent().seed() + s,
              rw.length,
              r.trainSteps(),
              String.format(Locale.ROOT, "%.1f", r.trainSeconds()[s]),
              String.format(Locale.ROOT, "%.0f", r.trainSteps() / r.trainSeconds()[s]),
              String.format(Locale.ROOT, "%.1f", rw[0]),
              String.format(Locale.ROOT, "%.1f", rw[rw.length - 1]));
        }
        pw.print(t);
        pw.println("saved the first seed's agent to " + out);
      }
      if (output.plotDir != null) {
        plotRewards(output.plotDir, options.series, r);
      }
      pw.flush();
      return 0;
    }
  }

  /** {@code agent eval}: the paper's experiment, agent vs static vs rule vs oracle. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Trains the agent with N seeds on the first 15 days and compares it over the rest with"
              + " the static operator (24 SRU), the rule trader and the oracle.")
  static final class Eval implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ExperimentOptions options;
    @Mixin OutputOptions output;

    @Option(
        names = "--model",
        paramLabel = "FILE",
        description = "also evaluate a saved agent (from agent train) on the same span")
    Path model;

    @Override
    public Integer call() {
      AgentExperiment exp = options.experiment();
      DemandTrace trace = trace(options, exp);
      AgentExperiment.Result r = run(spec, options, exp, trace);
      PolicyRun saved = null;
      if (model != null) {
        TrainedAgent loaded = AgentStore.load(model);
        saved =
            PolicyRun.of(
                loaded.policy(),
                trace,
                new SpectrumMarket(loaded.market()),
                r.evalFrom(),
                r.evalTo());
      }
      DemandMoves moves = DemandMoves.of(trace, r.evalFrom(), r.evalTo(), MarketConfig.paper());
      PrintWriter pw = spec.commandLine().getOut();
      if (output.json) {
        pw.println(ForecastCommand.json(toJson(options, exp, r, moves, saved)));
      } else {
        printTable(pw, options, exp, r, moves, saved);
      }
      if (output.plotDir != null) {
        plotEval(output.plotDir, options.series, r);
        plotRewards(output.plotDir, options.series, r);
      }
      pw.flush();
      return 0;
    }
  }

  /** {@code agent synth}: writes a seeded synthetic hourly series of controlled volatility. */
  @Command(
      name = "synth",
      mixinStandardHelpOptions = true,
      description =
          "Writes seeded synthetic hourly demand (level 22 SRU, a daily cycle, AR(1) noise whose"
              + " hourly moves have sd --volatility SRU) as a ProSAS TSV, for agent eval --data.")
  static final class Synth implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--volatility",
        required = true,
        description = "sd of the noise's hourly move, SRU")
    double volatility;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--days",
        defaultValue = "36",
        description = "days (default ${DEFAULT-VALUE}, as the NIST hourly series)")
    int days;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the TSV to write")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
      double[] d = new SyntheticDemand(days * 24, volatility, seed).generate();
      StringBuilder sb = new StringBuilder("Time\tNRB\n");
      java.time.LocalDateTime t0 = java.time.LocalDateTime.of(2023, 1, 1, 0, 0);
      java.time.format.DateTimeFormatter f =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
      for (int i = 0; i < d.length; i++) {
        sb.append(t0.plusHours(i).format(f))
            .append('\t')
            .append(String.format(Locale.ROOT, "%.4f", d[i]))
            .append('\n');
      }
      if (out.toAbsolutePath().getParent() != null) {
        java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
      }
      java.nio.file.Files.writeString(out, sb);
      DemandTrace moves = new DemandTrace(d, d, d, d, d, 1);
      DemandMoves m = DemandMoves.of(moves, 0, d.length, MarketConfig.paper());
      PrintWriter pw = spec.commandLine().getOut();
      pw.printf(
          Locale.ROOT,
          "wrote %d hours to %s; demand moves by more than 3 SRU in %.1f %% of the hours, median"
              + " move %.2f SRU%n",
          d.length,
          out,
          100 * m.shareAbove(),
          m.median());
      pw.flush();
      return 0;
    }
  }

  /**
   * How far demand moves from one evaluated step to the next, against the largest action: the share
   * of moves larger than it and the median move, SRU.
   */
  record DemandMoves(double largestAction, double shareAbove, double median) {
    static DemandMoves of(DemandTrace trace, int from, int to, MarketConfig market) {
      double largest = 0;
      for (double a : market.actions()) {
        largest = Math.max(largest, Math.abs(a));
      }
      double[] d = trace.demand();
      double[] moves = new double[to - from - 1];
      int above = 0;
      for (int i = 0; i < moves.length; i++) {
        moves[i] = Math.abs(d[from + i + 1] - d[from + i]);
        if (moves[i] > largest) {
          above++;
        }
      }
      java.util.Arrays.sort(moves);
      int n = moves.length;
      double median =
          n == 0 ? Double.NaN : n % 2 == 1 ? moves[n / 2] : (moves[n / 2 - 1] + moves[n / 2]) / 2;
      return new DemandMoves(largest, n == 0 ? Double.NaN : (double) above / n, median);
    }
  }

  static Map<String, Object> toJson(
      ExperimentOptions o,
      AgentExperiment exp,
      AgentExperiment.Result r,
      DemandMoves moves,
      PolicyRun saved) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("source", o.series.source());
    root.put("interval", o.series.intervalLabel());
    root.put(
        "priceSource", o.priceData == null ? "own demand" : o.priceData.getFileName().toString());
    root.put("seeds", exp.seeds());
    root.put("episodes", exp.agent().episodes());
    root.put("evalSteps", r.evalTo() - r.evalFrom() - 1);
    double oracle = r.policies().get("oracle").profit().mean();
    Map<String, Object> policies = new LinkedHashMap<>();
    for (AgentExperiment.PolicyStats p : r.policies().values()) {
      Map<String, Object> pj = new LinkedHashMap<>();
      pj.put("profit", p.profit().mean());
      pj.put("profitStd", p.profit().std());
      pj.put("normalisedProfit", p.profit().mean() / oracle);
      pj.put("reward", p.reward().mean());
      pj.put("rewardStd", p.reward().std());
      pj.put("deficitSruHours", p.deficitSruHours().mean());
      pj.put("deficitSruHoursStd", p.deficitSruHours().std());
      pj.put("surplusSruHours", p.surplusSruHours().mean());
      pj.put("surplusSruHoursStd", p.surplusSruHours().std());
      policies.put(p.policy(), pj);
    }
    root.put("policies", policies);
    root.put("gapClosed", r.gapClosed());
    root.put("agentConfig", exp.agent());
    root.put("actions", r.agentMarket().actions());
    root.put("agentProfits", r.agentProfits());
    root.put("seedsAtLeastStatic", r.seedsAtLeast("static"));
    root.put("seedsAtLeastRule", r.seedsAtLeast("rule"));
    root.put("demandMovesAboveLargestAction", moves.shareAbove());
    root.put("medianDemandMove", moves.median());
    root.put("trainSeconds", r.trainSeconds());
    if (saved != null) {
      root.put("savedModelProfit", saved.profit());
    }
    return root;
  }

  private static void printTable(
      PrintWriter pw,
      ExperimentOptions o,
      AgentExperiment exp,
      AgentExperiment.Result r,
      DemandMoves moves,
      PolicyRun saved) {
    pw.printf(
        Locale.ROOT,
        "%s every %s: train steps %d..%d, evaluate %d steps; %d seed(s), %d episodes; price from %s%n",
        o.series.source(),
        o.series.intervalLabel(),
        r.trainFrom(),
        r.trainTo(),
        r.evalTo() - r.evalFrom() - 1,
        exp.seeds(),
        exp.agent().episodes(),
        o.priceData == null ? "own demand" : o.priceData.getFileName());
    pw.printf(
        Locale.ROOT,
        "agent: %s; actions %s SRU%n",
        AgentOptions.describe(exp.agent()),
        Arrays.toString(r.agentMarket().actions()));
    double oracle = r.policies().get("oracle").profit().mean();
    TextTable t =
        new TextTable(
            "policy",
            "profit",
            "± sd",
            "normalised",
            "reward",
            "deficit SRU·h",
            "± sd",
            "surplus SRU·h",
            "± sd");
    for (AgentExperiment.PolicyStats p : r.policies().values()) {
      t.row(
          p.policy(),
          g(p.profit().mean()),
          g(p.profit().std()),
          String.format(Locale.ROOT, "%.4f", p.profit().mean() / oracle),
          g(p.reward().mean()),
          g(p.deficitSruHours().mean()),
          g(p.deficitSruHours().std()),
          g(p.surplusSruHours().mean()),
          g(p.surplusSruHours().std()));
    }
    pw.print(t);
    pw.printf(
        Locale.ROOT,
        "agent closes %.1f %% of the static-to-oracle profit gap; %s the static operator%n",
        100 * r.gapClosed(),
        r.policies().get("ddqn").profit().mean() > r.policies().get("static").profit().mean()
            ? "beats"
            : "does not beat");
    int n = r.agentProfits().length;
    pw.printf(
        Locale.ROOT,
        "seeds with the agent's profit >= static: %d/%d, >= rule: %d/%d%n",
        r.seedsAtLeast("static"),
        n,
        r.seedsAtLeast("rule"),
        n);
    pw.printf(
        Locale.ROOT,
        "demand moves by more than %s SRU (the paper's largest action) in %.1f %% of the evaluated steps;"
            + " median move %.2f SRU%n",
        moves.largestAction() == Math.rint(moves.largestAction())
            ? String.valueOf((long) moves.largestAction())
            : String.valueOf(moves.largestAction()),
        100 * moves.shareAbove(),
        moves.median());
    if (saved != null) {
      pw.printf(Locale.ROOT, "saved model: profit %.1f%n", saved.profit());
    }
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static void plotEval(Path dir, TimeSeries series, AgentExperiment.Result r) {
    String stem = ForecastCommand.stem(series.source());
    int n = r.evalDemand().length;
    double[] x = new double[n];
    double h = series.intervalSeconds() / 3_600.0;
    for (int i = 0; i < n; i++) {
      x[i] = i * h;
    }
    Map<String, double[]> alloc = new LinkedHashMap<>();
    alloc.put("demand", r.evalDemand());
    alloc.put("ddqn holding", r.runs().get("ddqn").holdings());
    alloc.put("rule holding", r.runs().get("rule").holdings());
    alloc.put("static (24 SRU)", r.runs().get("static").holdings());
    Charts.lines(
        dir,
        "agent-allocation-" + stem,
        "Demand vs allocation over the evaluation span, " + series.source(),
        "hours",
        "SRU",
        x,
        alloc,
        1500);
    Map<String, double[]> profit = new LinkedHashMap<>();
    for (String p : List.of("ddqn", "static", "rule", "oracle")) {
      profit.put(p, r.runs().get(p).cumulativeProfit());
    }
    Charts.lines(
        dir,
        "agent-profit-" + stem,
        "Cumulative profit over the evaluation span, " + series.source(),
        "hours",
        "profit",
        x,
        profit,
        1500);
  }

  private static void plotRewards(Path dir, TimeSeries series, AgentExperiment.Result r) {
    Map<String, double[]> lines = new LinkedHashMap<>();
    int seeds = r.episodeRewards().size();
    double[] x = new double[r.episodeRewards().get(0).length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    for (int s = 0; s < seeds; s++) {
      lines.put("seed " + (s + 1), r.episodeRewards().get(s));
    }
    Charts.lines(
        dir,
        "agent-reward-" + ForecastCommand.stem(series.source()),
        "Training reward per episode, " + series.source(),
        "episode",
        "reward",
        x,
        lines,
        1000);
  }
}

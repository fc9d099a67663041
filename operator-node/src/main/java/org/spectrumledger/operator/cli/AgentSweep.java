package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.ProgressBar;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.agent.AgentConfig;
import org.spectrumledger.operator.agent.AgentExperiment;
import org.spectrumledger.operator.agent.DemandTrace;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.agent.SyntheticDemand;
import org.spectrumledger.operator.forecast.ForecastModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator agent sweep}: the agent across synthetic series of rising volatility.
 * For each volatility and seed s it generates the series of seed s ({@link SyntheticDemand}),
 * trains each configuration with seed s on the first 15 days and evaluates the rest, as {@code
 * agent eval} does, and reports each policy's profit normalised by the oracle's, mean ± sd over the
 * seeds.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description =
        "The agent (paper and default configurations), static, rule and oracle on seeded"
            + " synthetic hourly series of rising volatility; --plot draws the sweep.")
final class AgentSweep implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--volatilities",
      split = ",",
      defaultValue = "0.5,1,2,3,4,5",
      description = "sd of the hourly noise move, SRU (default ${DEFAULT-VALUE})")
  double[] volatilities;

  @Option(names = "--seeds", defaultValue = "5", description = "series and agent seeds")
  int seeds;

  @Option(names = "--seed", defaultValue = "1", description = "the first seed")
  long seed;

  @Option(names = "--days", defaultValue = "36", description = "days per series (36)")
  int days;

  @Option(
      names = "--configs",
      split = ",",
      defaultValue = "paper,default",
      description = "configurations to compare (default ${DEFAULT-VALUE})")
  List<String> configs;

  @Option(names = "--episodes", description = "training episodes (default 60)")
  Integer episodes;

  @Option(names = "--plot", paramLabel = "DIR", description = "write the sweep chart into DIR")
  Path plotDir;

  @Override
  public Integer call() {
    if (seeds < 1 || volatilities.length == 0) {
      throw new IllegalArgumentException("need --seeds >= 1 and at least one volatility");
    }
    List<AgentConfig> cfgs = new ArrayList<>();
    for (String c : configs) {
      AgentCommand.AgentOptions o = new AgentCommand.AgentOptions();
      o.config = c;
      o.episodes = episodes;
      cfgs.add(o.build(3_600, seed));
    }
    MarketConfig market = MarketConfig.paper();
    int v = volatilities.length;
    int k = cfgs.size();
    // normalised profit [volatility][policy column][seed]; columns: static, then rule and ddqn
    // per configuration
    int cols = 1 + 2 * k;
    double[][][] norm = new double[v][cols][seeds];
    double[][] gap = new double[v * k][seeds];
    double[] share = new double[v];
    int[][] atLeastStatic = new int[v][k];
    int[][] atLeastRule = new int[v][k];
    long started = System.nanoTime();
    try (ProgressBar bar =
        new ProgressBar(spec.commandLine().getErr(), "sweep", (long) v * seeds * k)) {
      for (int i = 0; i < v; i++) {
        for (int s = 0; s < seeds; s++) {
          long sd = seed + s;
          double[] d = new SyntheticDemand(days * 24, volatilities[i], sd).generate();
          for (int c = 0; c < k; c++) {
            AgentConfig cfg = cfgs.get(c).withSeed(sd);
            AgentExperiment exp =
                new AgentExperiment(
                    market, cfg, ForecastModels.byName("lag-regression", sd), 2, 15, 1, 0);
            DemandTrace trace = exp.trace(d, null, 24, 24);
            AgentExperiment.Result r = exp.run(trace, 24, 1.0, null);
            double oracle = r.policies().get("oracle").profit().mean();
            norm[i][0][s] = r.policies().get("static").profit().mean() / oracle;
            norm[i][1 + 2 * c][s] = r.policies().get("rule").profit().mean() / oracle;
            norm[i][2 + 2 * c][s] = r.policies().get("ddqn").profit().mean() / oracle;
            gap[i * k + c][s] = r.gapClosed();
            atLeastStatic[i][c] += r.seedsAtLeast("static");
            atLeastRule[i][c] += r.seedsAtLeast("rule");
            if (c == 0) {
              share[i] +=
                  AgentCommand.DemandMoves.of(trace, r.evalFrom(), r.evalTo(), market).shareAbove()
                      / seeds;
            }
            bar.step(1);
          }
        }
      }
    }
    List<String> names = new ArrayList<>();
    names.add("static");
    for (String c : configs) {
      names.add("rule (" + c + " actions)");
      names.add("ddqn " + c);
    }
    PrintWriter pw = spec.commandLine().getOut();
    pw.printf(
        Locale.ROOT,
        "synthetic hourly series, %d days, train 15 days, evaluate the rest; %d seed(s) per"
            + " volatility; profit / oracle's, mean ± sd over seeds; %.0f s%n",
        days,
        seeds,
        (System.nanoTime() - started) / 1e9);
    for (int c = 0; c < k; c++) {
      pw.printf(
          Locale.ROOT,
          "ddqn %s: %s%n",
          configs.get(c),
          AgentCommand.AgentOptions.describe(cfgs.get(c)));
    }
    List<String> header = new ArrayList<>(List.of("volatility", "moves > 3 SRU"));
    header.addAll(names);
    for (String c : configs) {
      header.add(c + ": gap closed");
      header.add(c + ": >= static, >= rule");
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (int i = 0; i < v; i++) {
      List<Object> row = new ArrayList<>();
      row.add(String.format(Locale.ROOT, "%.1f", volatilities[i]));
      row.add(String.format(Locale.ROOT, "%.1f %%", 100 * share[i]));
      for (int p = 0; p < cols; p++) {
        AgentExperiment.Stat st = stat(norm[i][p]);
        row.add(String.format(Locale.ROOT, "%.4f ± %.4f", st.mean(), st.std()));
      }
      for (int c = 0; c < k; c++) {
        AgentExperiment.Stat st = stat(gap[i * k + c]);
        row.add(String.format(Locale.ROOT, "%.1f ± %.1f %%", 100 * st.mean(), 100 * st.std()));
        row.add(atLeastStatic[i][c] + "/" + seeds + ", " + atLeastRule[i][c] + "/" + seeds);
      }
      t.row(row.toArray());
    }
    pw.print(t);
    pw.flush();
    if (plotDir != null) {
      Map<String, double[]> lines = new LinkedHashMap<>();
      for (int p = 0; p < cols; p++) {
        double[] y = new double[v];
        for (int i = 0; i < v; i++) {
          y[i] = stat(norm[i][p]).mean();
        }
        lines.put(names.get(p), y);
      }
      double[] x = new double[v];
      for (int i = 0; i < v; i++) {
        x[i] = 100 * share[i];
      }
      Path file =
          Charts.lines(
              plotDir,
              "agent-volatility-sweep",
              "Profit / oracle's on synthetic hourly series, mean over "
                  + seeds
                  + " seeds per volatility",
              "% of hourly moves above 3 SRU (the paper's largest action)",
              "profit / oracle's profit",
              x,
              lines,
              1000,
              true);
      pw.println("chart: " + file);
      pw.flush();
    }
    return 0;
  }

  private static AgentExperiment.Stat stat(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return new AgentExperiment.Stat(m, v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0);
  }
}

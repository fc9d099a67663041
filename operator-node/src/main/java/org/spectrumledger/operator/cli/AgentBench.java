package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.agent.AgentConfig;
import org.spectrumledger.operator.agent.AgentExperiment;
import org.spectrumledger.operator.agent.DdqnTrainer;
import org.spectrumledger.operator.agent.DemandTrace;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.agent.QPolicy;
import org.spectrumledger.operator.agent.SpectrumMarket;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;
import org.spectrumledger.operator.forecast.ForecastModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spectrum bench agent}: DDQN training time on 15 days of hourly data and on the per-minute
 * data with the default configurations, and the latency of one greedy decision.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "DDQN training wall time and steps per second (15 days hourly; per-minute), and one"
            + " decision's latency.")
public final class AgentBench implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "the ProSAS data (default: data/nist-prosas under the project)")
  Path dataDir;

  @Option(names = "--decisions", defaultValue = "200000", description = "decisions to time")
  int decisions;

  @Override
  public Integer call() {
    Path dir = dataDir;
    if (dir == null) {
      String home = System.getProperty("spectrum.home", ".");
      dir = Path.of(home, "data", "nist-prosas");
    }
    PrintWriter out = spec.commandLine().getOut();
    TextTable t = new TextTable("run", "steps", "updates", "seconds", "steps/s", "updates/s");
    QPolicy policy = null;
    DemandTrace hourlyTrace = null;
    for (String g : new String[] {"1h", "1m"}) {
      String file = g.equals("1h") ? "Output_hourly_LTE.tsv" : "Output_min_LTE.tsv";
      TimeSeries s = new TimeSeriesReader().read(dir.resolve(file));
      AgentConfig cfg = AgentConfig.forGranularity(s.intervalSeconds());
      MarketConfig market = MarketConfig.paper();
      AgentExperiment exp =
          new AgentExperiment(market, cfg, ForecastModels.byName("lag-regression", 1), 2, 15, 1, 0);
      int perDay = (int) (86_400 / s.intervalSeconds());
      DemandTrace trace = exp.trace(s.values(), null, s.season(), perDay);
      long t0 = System.nanoTime();
      DdqnTrainer.Result r =
          new DdqnTrainer(cfg, new SpectrumMarket(market))
              .train(trace, 2 * perDay, 15 * perDay, null);
      double sec = (System.nanoTime() - t0) / 1e9;
      t.row(
          "train " + g + " (" + cfg.episodes() + " episodes of 13 days)",
          r.steps(),
          r.updates(),
          String.format(Locale.ROOT, "%.1f", sec),
          String.format(Locale.ROOT, "%.0f", r.steps() / sec),
          String.format(Locale.ROOT, "%.0f", r.updates() / sec));
      if (g.equals("1h")) {
        policy = r.agent().policy();
        hourlyTrace = trace;
      }
    }
    out.print(t);
    double[] state = new double[4];
    int sink = 0;
    // warm the decision path up, then time it
    for (int i = 0; i < 20_000; i++) {
      hourlyTrace.state(i % hourlyTrace.size(), 24 + (i % 7) * 1.5 - 4.5, state);
      sink += policy.decide(state);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < decisions; i++) {
      hourlyTrace.state(i % hourlyTrace.size(), 24 + (i % 7) * 1.5 - 4.5, state);
      sink += policy.decide(state);
    }
    double micros = (System.nanoTime() - t0) / 1e3 / decisions;
    out.println();
    out.printf(
        Locale.ROOT,
        "decision latency: %.2f µs (mean of %d, checksum %d)%n",
        micros,
        decisions,
        sink % 10);
    out.flush();
    return 0;
  }
}

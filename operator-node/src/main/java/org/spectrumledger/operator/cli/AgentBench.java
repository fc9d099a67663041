package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.spectrumledger.operator.agent.StateTracker;
import org.spectrumledger.operator.agent.TrainedAgent;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;
import org.spectrumledger.operator.forecast.ForecastModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spectrum bench agent}: DDQN training wall time on the first 15 days of the hourly and the
 * per-minute LTE series with the default agent ({@link AgentConfig#forGranularity}), the same runs
 * {@code agent train|eval} make per seed, and the latency of one greedy decision. The training
 * times include the JIT's warm-up, as a real run does. Prints figures; asserts nothing.
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

  @Option(
      names = "--decisions",
      defaultValue = "200000",
      description = "decisions to time one by one (default ${DEFAULT-VALUE})")
  int decisions;

  @Override
  public Integer call() {
    if (decisions < 100) {
      throw new IllegalArgumentException("--decisions must be >= 100, got " + decisions);
    }
    Path dir = dataDir;
    if (dir == null) {
      String home = System.getProperty("spectrum.home", ".");
      dir = Path.of(home, "data", "nist-prosas");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%d cores, system load average %.2f when starting; one training thread%n%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    TextTable t =
        new TextTable(
            "run",
            "episodes",
            "train every",
            "steps",
            "updates",
            "seconds",
            "steps/s",
            "updates/s");
    QPolicy policy = null;
    TrainedAgent hourly = null;
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
          "train " + g + ", days 3-15 of " + file,
          cfg.episodes(),
          cfg.trainEvery(),
          r.steps(),
          r.updates(),
          String.format(Locale.ROOT, "%.1f", sec),
          String.format(Locale.ROOT, "%.0f", r.steps() / sec),
          String.format(Locale.ROOT, "%.0f", r.updates() / sec));
      if (g.equals("1h")) {
        policy = r.agent().policy();
        hourly = r.agent();
        hourlyTrace = trace;
      }
    }
    out.print(t);

    // states from the hourly trace with holdings around the licence, built before timing
    int n = hourlyTrace.size();
    double[][] states = new double[1024][StateTracker.STATE_SIZE];
    for (int i = 0; i < states.length; i++) {
      hourlyTrace.state(i % n, 24 + (i % 7) * 1.5 - 4.5, states[i]);
    }
    long sink = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += policy.decide(states[i & 1023]);
    }
    long[] nanos = new long[decisions];
    for (int i = 0; i < decisions; i++) {
      double[] state = states[i & 1023];
      long a = System.nanoTime();
      sink += policy.decide(state);
      nanos[i] = System.nanoTime() - a;
    }
    long total = 0;
    for (long v : nanos) {
      total += v;
    }
    Arrays.sort(nanos);
    out.println();
    out.printf(
        Locale.ROOT,
        "one decision (%d -> %d -> %d -> %d forward pass, argmax and the trade it aims at), %d"
            + " timed one by one after 20,000 warm-up:%n",
        hourly.config().features().inputs(),
        hourly.config().hidden(),
        hourly.config().hidden(),
        hourly.config().outputs(hourly.market()),
        decisions);
    TextTable d = new TextTable("median µs", "p99 µs", "mean µs", "max µs");
    d.row(
        micros(nanos[decisions / 2]),
        micros(nanos[(int) Math.min(decisions - 1, Math.ceil(0.99 * decisions) - 1)]),
        micros((double) total / decisions),
        micros(nanos[decisions - 1]));
    out.print(d);
    out.printf(
        Locale.ROOT,
        "(each timing includes one System.nanoTime call; checksum %d)%n",
        Math.floorMod(sink, 10));
    out.flush();
    return 0;
  }

  private static String micros(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e3);
  }
}

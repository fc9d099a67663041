package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.ProgressBar;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.sensing.ClosedFormGains;
import org.spectrumledger.operator.sensing.ConfigurationGains;
import org.spectrumledger.operator.sensing.DetectionModel;
import org.spectrumledger.operator.sensing.Gain;
import org.spectrumledger.operator.sensing.InterchangeabilityModel;
import org.spectrumledger.operator.sensing.MonteCarloEvaluation;
import org.spectrumledger.operator.sensing.NodeResult;
import org.spectrumledger.operator.sensing.OverheadModel;
import org.spectrumledger.operator.sensing.RegimeResult;
import org.spectrumledger.operator.sensing.SensingMode;
import org.spectrumledger.operator.sensing.SimulationConfig;
import org.spectrumledger.operator.sensing.TieRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spectrum operator isss simulate}: the paper's Algorithm 2 over a sweep of E, printing the
 * gains of ISSS and of cooperative sensing over the single node with their confidence intervals.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Monte Carlo evaluation of ISSS (the paper's Algorithm 2): per E, the gains of ISSS and of"
          + " cooperative sensing over a single node, in percent, with 95%% confidence intervals.",
      "G_I: interference reduction; G_U: utilisation gain; G_S: sensing-overhead saving over"
          + " cooperative sensing. Defaults are the paper's Table 2."
    })
public final class IsssSimulateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--p-busy",
      required = true,
      split = ",",
      paramLabel = "P",
      description =
          "steady-state primary-user load P_busy = α/(α+β), in (0, 1); a list sweeps several"
              + " regimes, e.g. 0.15,0.40,0.70")
  List<Double> pBusy;

  @Option(
      names = "--nodes",
      defaultValue = "1..12",
      converter = IntList.Nodes.class,
      paramLabel = "E",
      description =
          "coordination densities E: a range 1..12, a value 10 or a list 1,5,10 (default ${DEFAULT-VALUE})")
  IntList nodes;

  @Option(
      names = "--intervals",
      defaultValue = "10000",
      paramLabel = "N",
      description = "control intervals per (P_busy, E), N_MC (default ${DEFAULT-VALUE})")
  int intervals;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--mode",
      defaultValue = "all",
      converter = ModeConverter.class,
      paramLabel = "all|dedicated",
      description =
          "ISSS sensing: every node senses every band (Algorithm 2 as printed), or one dedicated"
              + " node per band (Algorithm 1, Step 1) (default ${DEFAULT-VALUE})")
  SensingMode mode;

  @Option(
      names = "--tie",
      defaultValue = "access",
      converter = TieConverter.class,
      paramLabel = "access|deny",
      description =
          "a tied vote at even E: access (the paper's \"mean >= 0.5\") or deny (default"
              + " ${DEFAULT-VALUE})")
  TieRule tie;

  @Option(
      names = "--overhead",
      defaultValue = "log2",
      converter = OverheadConverter.class,
      paramLabel = "log2|count",
      description =
          "sensing-cost model of G_S: the paper's |B|·log2(E+1), or the sensing operations"
              + " actually performed (default ${DEFAULT-VALUE})")
  OverheadModel overhead;

  @Option(
      names = "--pu-memory",
      defaultValue = "0",
      paramLabel = "M",
      description =
          "correlation of a band's primary-user state between intervals, exp(-(α+β)Δt), in [0,1);"
              + " 0 draws each interval from the steady state as the paper does (default"
              + " ${DEFAULT-VALUE})")
  double puMemory;

  @Option(names = "--bands", defaultValue = "10", description = "|B| (default ${DEFAULT-VALUE})")
  int bands;

  @Option(names = "--services", defaultValue = "10", description = "|U| (default ${DEFAULT-VALUE})")
  int services;

  @Option(
      names = "--weights",
      split = ",",
      paramLabel = "W",
      description = "service weights w_u, one per service (default: all 1)")
  List<Double> weights;

  @Option(
      names = "--costs",
      split = ",",
      paramLabel = "C",
      description = "sensing costs c_b: one value for every band, or one per band (default: 1)")
  List<Double> costs;

  @Option(
      names = "--lambda",
      defaultValue = "0.5",
      description = "sensing cost weight λ (default ${DEFAULT-VALUE})")
  double lambda;

  @Option(
      names = "--closed-form",
      description = "also print the closed-form (binomial) gains the simulation estimates")
  boolean closedForm;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Option(
      names = "--plot",
      paramLabel = "DIR",
      description =
          "write PNG charts like the paper's Figures 1-3 into DIR: gains vs E, the G_U-G_I"
              + " frontier, the radar")
  Path plotDir;

  @Option(
      names = "--mark",
      defaultValue = "10",
      description =
          "the E the charts mark and the radar compares with E = 1 (default ${DEFAULT-VALUE})")
  int mark;

  @Override
  public Integer call() throws Exception {
    SimulationConfig config = config();
    List<Integer> es = nodes.values();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    List<RegimeResult> results;
    try (ProgressBar bar = new ProgressBar(err, "isss simulate", (long) pBusy.size() * es.size())) {
      results = MonteCarloEvaluation.sweep(config, pBusy, es, seed, true, () -> bar.step(1));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      out.println(json(config, results));
    } else {
      for (RegimeResult r : results) {
        out.print(table(config, r));
        out.println();
      }
      out.printf(
          Locale.ROOT,
          "%d runs x %,d intervals in %.2f s on %d cores%n",
          pBusy.size() * es.size(),
          intervals,
          seconds,
          Runtime.getRuntime().availableProcessors());
    }
    if (plotDir != null) {
      PrintWriter note = json ? err : out;
      for (Path p : IsssCharts.write(plotDir, results, mark, caption(config))) {
        note.println("wrote " + p);
      }
    }
    out.flush();
    return 0;
  }

  SimulationConfig config() {
    for (double p : pBusy) {
      if (!(p > 0 && p < 1)) {
        throw new IllegalArgumentException("--p-busy must lie strictly between 0 and 1: " + p);
      }
    }
    if (mark < 1) {
      throw new IllegalArgumentException("--mark must be a node count >= 1: " + mark);
    }
    if (intervals < 2 || intervals > 100_000_000) {
      throw new IllegalArgumentException("--intervals must lie in 2..100000000: " + intervals);
    }
    if (bands < 1 || bands > 100_000 || services < 1 || services > 100_000) {
      throw new IllegalArgumentException("--bands and --services must lie in 1..100000");
    }
    double[] w = new double[services];
    Arrays.fill(w, 1.0);
    if (weights != null) {
      if (weights.size() != services) {
        throw new IllegalArgumentException(
            "--weights has " + weights.size() + " values for " + services + " services");
      }
      w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    }
    double[] c = new double[bands];
    Arrays.fill(c, 1.0);
    if (costs != null) {
      if (costs.size() == 1) {
        Arrays.fill(c, costs.get(0));
      } else if (costs.size() == bands) {
        c = costs.stream().mapToDouble(Double::doubleValue).toArray();
      } else {
        throw new IllegalArgumentException(
            "--costs needs one value or one per band (" + bands + "): got " + costs.size());
      }
    }
    return new SimulationConfig(
        w,
        lambda,
        c,
        DetectionModel.PAPER_SINGLE_NODE,
        InterchangeabilityModel.PAPER,
        mode,
        tie,
        overhead,
        puMemory,
        intervals,
        0.95);
  }

  private String caption(SimulationConfig c) {
    return String.format(
        Locale.ROOT,
        "mode %s, tie %s, overhead %s, N %,d, seed %d",
        c.mode().label(),
        c.tie().label(),
        c.overhead().label(),
        c.intervals(),
        seed);
  }

  private String table(SimulationConfig c, RegimeResult r) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "E",
                "ISSS G_I",
                "±",
                "ISSS G_U",
                "±",
                "ISSS G_S",
                "coop G_I",
                "±",
                "coop G_U",
                "±",
                "coop G_S"));
    if (closedForm) {
      header.addAll(
          List.of("exact ISSS G_I", "exact ISSS G_U", "exact coop G_I", "exact coop G_U"));
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (NodeResult n : r.nodes()) {
      List<Object> row = new ArrayList<>();
      row.add(n.nodes());
      addGains(row, n.isss());
      addGains(row, n.coop());
      if (closedForm) {
        NodeResult e = ClosedFormGains.at(c, r.pBusy(), n.nodes());
        row.add(pct(e.isss().interference().value()));
        row.add(pct(e.isss().utilisation().value()));
        row.add(pct(e.coop().interference().value()));
        row.add(pct(e.coop().utilisation().value()));
      }
      t.row(row.toArray());
    }
    double single = 0;
    for (NodeResult n : r.nodes()) {
      single += n.perInterval().singleInterference() / r.nodes().size();
    }
    return String.format(
            Locale.ROOT,
            "P_busy = %.2f: gains over a single node, percent, ± the %.0f%% interval (%s)%n",
            r.pBusy(),
            100 * c.confidence(),
            caption(c))
        + t
        + String.format(
            Locale.ROOT,
            "the single node interferes %.2f times per interval of %d bands (exact %.2f)%n",
            single,
            c.bands(),
            ClosedFormGains.at(c, r.pBusy(), 1).perInterval().singleInterference());
  }

  private static void addGains(List<Object> row, ConfigurationGains g) {
    row.add(pct(g.interference().value()));
    row.add(halfWidth(g.interference()));
    row.add(pct(g.utilisation().value()));
    row.add(halfWidth(g.utilisation()));
    row.add(pct(g.scheduling().value()));
  }

  private static String halfWidth(Gain g) {
    return g.defined() ? String.format(Locale.ROOT, "%.2f", g.halfWidth()) : "n/a";
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
  }

  // ------------------------------------------------------------------ JSON

  /** One regime as JSON: {@code pBusy, mode, tie, results[{nodes, isss{gI,gU,gS}, coop{…}}]}. */
  record Report(
      double pBusy,
      String mode,
      String tie,
      String overhead,
      double puMemory,
      int intervals,
      long seed,
      double confidence,
      List<Row> results) {}

  record Row(int nodes, Gains isss, Gains coop) {}

  /**
   * Gains in percent; {@code ci95} holds [low, high] of G_I and G_U; {@code closedForm} the exact
   * values the simulation estimates.
   */
  record Gains(Double gI, Double gU, Double gS, Intervals ci95, Exact closedForm) {}

  record Intervals(Double[] gI, Double[] gU) {}

  record Exact(Double gI, Double gU, Double gS) {}

  private String json(SimulationConfig c, List<RegimeResult> results)
      throws JsonProcessingException {
    List<Report> reports = new ArrayList<>();
    for (RegimeResult r : results) {
      List<Row> rows = new ArrayList<>();
      for (NodeResult n : r.nodes()) {
        NodeResult e = ClosedFormGains.at(c, r.pBusy(), n.nodes());
        rows.add(new Row(n.nodes(), gains(n.isss(), e.isss()), gains(n.coop(), e.coop())));
      }
      reports.add(
          new Report(
              r.pBusy(),
              c.mode().label(),
              c.tie().label(),
              c.overhead().label(),
              c.puMemory(),
              c.intervals(),
              seed,
              c.confidence(),
              rows));
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    return mapper.writeValueAsString(reports.size() == 1 ? reports.get(0) : reports);
  }

  private static Gains gains(ConfigurationGains g, ConfigurationGains exact) {
    return new Gains(
        num(g.interference().value()),
        num(g.utilisation().value()),
        num(g.scheduling().value()),
        new Intervals(interval(g.interference()), interval(g.utilisation())),
        new Exact(
            num(exact.interference().value()),
            num(exact.utilisation().value()),
            num(exact.scheduling().value())));
  }

  private static Double[] interval(Gain g) {
    return new Double[] {num(g.low()), num(g.high())};
  }

  /** Rounded to 3 decimals; null for an undefined gain (JSON has no NaN). */
  private static Double num(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
  }

  // ------------------------------------------------------------------ converters

  static final class ModeConverter implements CommandLine.ITypeConverter<SensingMode> {
    @Override
    public SensingMode convert(String value) {
      try {
        return SensingMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class TieConverter implements CommandLine.ITypeConverter<TieRule> {
    @Override
    public TieRule convert(String value) {
      try {
        return TieRule.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class OverheadConverter implements CommandLine.ITypeConverter<OverheadModel> {
    @Override
    public OverheadModel convert(String value) {
      try {
        return OverheadModel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}

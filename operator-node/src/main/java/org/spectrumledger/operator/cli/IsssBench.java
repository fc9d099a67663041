package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.sensing.ControlInput;
import org.spectrumledger.operator.sensing.ControllerConfig;
import org.spectrumledger.operator.sensing.DetectionModel;
import org.spectrumledger.operator.sensing.EdgeController;
import org.spectrumledger.operator.sensing.MonteCarloEvaluation;
import org.spectrumledger.operator.sensing.SensingMode;
import org.spectrumledger.operator.sensing.SensingReading;
import org.spectrumledger.operator.sensing.SimulationConfig;
import org.spectrumledger.operator.sensing.TieRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spectrum bench isss}: how fast the ISSS edge controller decides and the Monte Carlo
 * evaluation runs. Three parts: one decision at |U| = |B| = 10 (E = 10, both sensing modes); the
 * paper's full sweep, 3 regimes × 12 values of E × N intervals, over all cores and on one; the
 * decision time as |U| = |B| grows, with the log-log slope of time against |U|·|B|.
 *
 * <p>Times are medians of repeated timed loops after a warm-up, on pre-built inputs (building the
 * readings is not timed). It prints figures; it asserts nothing.
 */
@Command(
    name = "isss",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "ISSS: one controller decision at |U| = |B| = 10, the full Monte Carlo sweep (3 regimes x 12"
            + " E x N intervals), and decision time as |U|·|B| grows.")
public final class IsssBench implements Callable<Integer> {

  /** Keeps the JIT from discarding decisions nobody reads. */
  private static volatile long sink;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--intervals",
      defaultValue = "10000",
      description = "Monte Carlo intervals per (P_busy, E) in the sweep (default ${DEFAULT-VALUE})")
  int intervals;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "timed repetitions of the parallel sweep (default ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--sizes",
      defaultValue = "10,32,100,316,1000,3162",
      split = ",",
      description = "|U| = |B| values for the scaling part (default ${DEFAULT-VALUE})")
  List<Integer> sizes;

  @Option(
      names = "--budget-ms",
      defaultValue = "400",
      description = "time spent measuring each decision figure (default ${DEFAULT-VALUE})")
  long budgetMillis;

  private static final List<Double> REGIMES = List.of(0.15, 0.40, 0.70);
  private static final List<Integer> NODES = IntStream.rangeClosed(1, 12).boxed().toList();

  @Override
  public Integer call() {
    if (intervals < 2 || runs < 1 || budgetMillis < 1 || sizes.isEmpty()) {
      throw new IllegalArgumentException(
          "--intervals >= 2, --runs >= 1, --budget-ms >= 1 and a size");
    }
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();

    out.printf(
        Locale.ROOT,
        "%d cores, system load average %.2f when starting%n%n",
        cores,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    TextTable decisions = new TextTable("decision", "|U|", "|B|", "E", "readings", "median µs");
    decisionMicros(10, 10, SensingMode.DEDICATED, false); // warm-up of the whole path
    decisionMicros(10, 10, SensingMode.ALL, false);
    double dedicated10 = decisionMicros(10, 10, SensingMode.DEDICATED, false);
    double all10 = decisionMicros(10, 10, SensingMode.ALL, false);
    decisions.row("dedicated nodes", 10, 10, 10, 10, fmt(dedicated10, 3));
    decisions.row("every node every band", 10, 10, 10, 100, fmt(all10, 3));
    out.println("One controller decision (target <= 10 µs):");
    out.print(decisions);
    out.println();
    out.flush();

    TextTable sweeps =
        new TextTable("mode", "threads", "runs", "first s", "best s", "median s", "intervals/s");
    double bestAll = Double.NaN;
    for (SensingMode mode : SensingMode.values()) {
      SimulationConfig config =
          SimulationConfig.paper(mode, TieRule.ACCESS).withIntervals(intervals);
      double[] parallel = new double[runs];
      for (int r = 0; r < runs; r++) {
        parallel[r] = sweepSeconds(config, true);
      }
      double sequential = sweepSeconds(config, false);
      double[] sorted = parallel.clone();
      Arrays.sort(sorted);
      long total = (long) REGIMES.size() * NODES.size() * intervals;
      sweeps.row(
          mode.label(),
          cores,
          runs,
          fmt(parallel[0], 2),
          fmt(sorted[0], 2),
          fmt(sorted[runs / 2], 2),
          String.format(Locale.ROOT, "%,.0f", total / sorted[runs / 2]));
      sweeps.row(
          mode.label(),
          1,
          1,
          fmt(sequential, 2),
          fmt(sequential, 2),
          fmt(sequential, 2),
          String.format(Locale.ROOT, "%,.0f", total / sequential));
      if (mode == SensingMode.ALL) {
        bestAll = sorted[runs / 2];
      }
    }
    out.printf(
        Locale.ROOT,
        "Full sweep: %d regimes x %d values of E x %,d intervals (target <= 5 s):%n",
        REGIMES.size(),
        NODES.size(),
        intervals);
    out.print(sweeps);
    out.println();
    out.flush();

    TextTable scaling =
        new TextTable(
            "|U| = |B|",
            "|U|·|B|",
            "P_busy 0.40 µs",
            "ns per (u, b)",
            "all idle µs",
            "ns per (u, b)");
    double[] logSize = new double[sizes.size()];
    double[] logTime = new double[sizes.size()];
    double[] logWorst = new double[sizes.size()];
    for (int i = 0; i < sizes.size(); i++) {
      int n = sizes.get(i);
      double micros = decisionMicros(n, n, SensingMode.DEDICATED, false);
      double worst = decisionMicros(n, n, SensingMode.DEDICATED, true);
      long pairs = (long) n * n;
      scaling.row(
          n,
          String.format(Locale.ROOT, "%,d", pairs),
          fmt(micros, 3),
          fmt(micros * 1000 / pairs, 3),
          fmt(worst, 3),
          fmt(worst * 1000 / pairs, 3));
      logSize[i] = Math.log(pairs);
      logTime[i] = Math.log(micros);
      logWorst[i] = Math.log(worst);
    }
    int tail = Math.min(3, sizes.size());
    double slope = slope(logSize, logTime);
    double slopeTail = slope(tail(logSize, tail), tail(logTime, tail));
    double slopeWorst = slope(logSize, logWorst);
    double slopeWorstTail = slope(tail(logSize, tail), tail(logWorst, tail));
    out.println("Decision time as |U|·|B| grows (E = 10, dedicated nodes, one reading per band):");
    out.print(scaling);
    out.printf(
        Locale.ROOT,
        "log-log slope of time against |U|·|B| (1 = linear): P_busy 0.40 %.2f over all sizes, %.2f"
            + " over the largest %d; all idle %.2f and %.2f%n",
        slope,
        slopeTail,
        tail,
        slopeWorst,
        slopeWorstTail);
    out.println();
    out.printf(
        Locale.ROOT,
        "isss: decision 10x10 %.2f µs (dedicated), %.2f µs (all); sweep 3x12x%d %.2f s on %d"
            + " cores (mode all); time ~ (|U|·|B|)^%.2f (all idle, largest sizes)%n",
        dedicated10,
        all10,
        intervals,
        bestAll,
        cores,
        slopeWorstTail);
    out.flush();
    return 0;
  }

  private double sweepSeconds(SimulationConfig config, boolean parallel) {
    long t0 = System.nanoTime();
    var r = MonteCarloEvaluation.sweep(config, REGIMES, NODES, 1, parallel, null);
    sink += r.size();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Median µs of one {@link EdgeController#decide} over a pool of pre-built random inputs. */
  private double decisionMicros(int services, int bands, SensingMode mode, boolean allIdle) {
    int nodes = 10;
    double[] w = new double[services];
    Arrays.fill(w, 1);
    EdgeController controller =
        new EdgeController(
            new ControllerConfig(
                w,
                0.5,
                mode,
                TieRule.ACCESS,
                org.spectrumledger.operator.sensing.OverheadModel.LOG2,
                org.spectrumledger.operator.sensing.PriorityConstraint.ORDER));
    ControlInput[] pool = inputs(controller, bands, nodes, (long) services * bands, allIdle);
    long budget = budgetMillis * 1_000_000L;
    run(controller, pool, budget / 2); // warm-up
    int samples = 7;
    double[] perOp = new double[samples];
    for (int s = 0; s < samples; s++) {
      perOp[s] = run(controller, pool, budget / samples);
    }
    Arrays.sort(perOp);
    return perOp[samples / 2] / 1_000;
  }

  /** Decides in a loop for about {@code nanos}; returns ns per decision. */
  private static double run(EdgeController controller, ControlInput[] pool, long nanos) {
    long ops = 0;
    long served = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      for (int i = 0; i < 64; i++) {
        served += controller.decide(pool[(int) (ops++ % pool.length)]).servedServices();
      }
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    sink += served;
    return (double) elapsed / ops;
  }

  /**
   * Random inputs at P_busy = 0.40 with the paper's single-node detection, or every reading idle
   * (the allocation's worst case: every service scans past the bands already taken).
   */
  private static ControlInput[] inputs(
      EdgeController controller, int bands, int nodes, long pairs, boolean allIdle) {
    int size = pairs >= 100_000 ? 8 : 64;
    SplittableRandom random = new SplittableRandom(17);
    DetectionModel det = DetectionModel.PAPER_SINGLE_NODE;
    ControlInput[] pool = new ControlInput[size];
    for (int i = 0; i < size; i++) {
      var plan = controller.plan(bands, nodes, i);
      List<SensingReading> readings = new ArrayList<>();
      for (int b = 0; b < bands; b++) {
        boolean busy = random.nextDouble() < 0.40;
        for (int n = 0; n < nodes; n++) {
          if (plan.assigned(n, b)) {
            boolean idle = allIdle || random.nextDouble() < det.pIdleObserved(busy);
            readings.add(new SensingReading(n, b, idle));
          }
        }
      }
      double[] costs = new double[bands];
      Arrays.fill(costs, 1);
      pool[i] = new ControlInput(i, nodes, costs, null, readings);
    }
    return pool;
  }

  private static double[] tail(double[] a, int n) {
    return Arrays.copyOfRange(a, a.length - n, a.length);
  }

  private static double slope(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}

package org.spectrumledger.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.ProgressBar;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.data.SyntheticTraffic;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.forecast.ForecastEvaluation;
import org.spectrumledger.operator.forecast.ForecastModel;
import org.spectrumledger.operator.forecast.ForecastModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator forecast …}: demand forecasting. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Demand forecasting: evaluate the forecasters on a series.",
    subcommands = {ForecastCommand.Eval.class, ForecastCommand.Synth.class})
public final class ForecastCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code forecast eval}: every model under both protocols of ALGORITHMS.md §1. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Every forecaster under both protocols: one-step walk-forward (RMSE) and a"
              + " rolling-origin backtest of horizon H (MASE); the first 66 % trains.")
  static final class Eval implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DataOptions dataOptions;
    @Mixin OutputOptions output;

    @Option(
        names = "--train-fraction",
        defaultValue = "0.66",
        description = "share of the series that trains (default ${DEFAULT-VALUE})")
    double trainFraction;

    @Option(
        names = "--horizon",
        description = "backtest horizon H (default: 24 for hourly data, 60 per minute)")
    Integer horizon;

    @Option(
        names = "--stride",
        defaultValue = "1",
        description = "origins between backtest windows (default ${DEFAULT-VALUE}: every origin)")
    int stride;

    @Option(
        names = "--models",
        split = ",",
        description = "models to run (default: all): ${DEFAULT-VALUE}")
    List<String> models;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the learned models")
    long seed;

    @Override
    public Integer call() {
      TimeSeries series = dataOptions.read();
      ForecastEvaluation.Config defaults =
          ForecastEvaluation.Config.defaultsFor(series.intervalSeconds());
      ForecastEvaluation.Config config =
          new ForecastEvaluation.Config(
              trainFraction, horizon == null ? defaults.horizon() : horizon, stride);
      List<ForecastModel> list = new ArrayList<>();
      for (String name : models == null ? ForecastModels.NAMES : models) {
        list.add(ForecastModels.byName(name.strip(), seed));
      }
      if (list.stream().noneMatch(ForecastModel::baseline)) {
        throw new IllegalArgumentException(
            "--models must include at least one baseline (persistence, seasonal-naive,"
                + " moving-average, moving-median) to compute ratios");
      }
      int season = series.season();
      ForecastEvaluation eval = new ForecastEvaluation(config);
      int evalSize = series.size() - (int) Math.round(trainFraction * series.size());
      ForecastEvaluation.Report report;
      try (ProgressBar bar =
          new ProgressBar(
              spec.commandLine().getErr(), "forecast eval", (long) evalSize * list.size())) {
        report = eval.run(series.values(), season, list, bar::step);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json) {
        out.println(json(toJson(series, config, report)));
      } else {
        printTables(out, series, config, report);
      }
      if (output.plotDir != null) {
        Path chart = plot(output.plotDir, series, report);
        spec.commandLine().getErr().println("chart: " + chart);
      }
      out.flush();
      return 0;
    }

    static Map<String, Object> toJson(
        TimeSeries series, ForecastEvaluation.Config config, ForecastEvaluation.Report report) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("source", series.source());
      root.put("interval", series.intervalLabel());
      root.put("season", series.season());
      root.put("samples", series.size());
      root.put("train", report.trainSize());
      root.put("evaluate", report.evalSize());
      root.put("maseScale", report.maseScale());
      List<Object> protocols = new ArrayList<>();
      for (ForecastEvaluation.Protocol p : report.protocols()) {
        Map<String, Object> pj = new LinkedHashMap<>();
        pj.put("protocol", p.protocol());
        pj.put("horizon", p.horizon());
        pj.put("metric", p.metric());
        pj.put("stride", p.protocol().equals("horizon") ? config.stride() : 1);
        List<Object> ms = new ArrayList<>();
        for (ForecastEvaluation.ModelScore m : p.models()) {
          Map<String, Object> mj = new LinkedHashMap<>();
          mj.put("name", m.name());
          mj.put("fitted", m.fitted());
          mj.put("baseline", m.baseline());
          mj.put("mae", m.mae());
          mj.put("rmse", m.rmse());
          mj.put("smape", m.smape());
          mj.put("mase", m.mase());
          mj.put("ratio", m.ratio());
          ms.add(mj);
        }
        pj.put("models", ms);
        protocols.add(pj);
      }
      root.put("protocols", protocols);
      return root;
    }

    private static void printTables(
        PrintWriter out,
        TimeSeries series,
        ForecastEvaluation.Config config,
        ForecastEvaluation.Report report) {
      out.printf(
          Locale.ROOT,
          "%s: %d samples every %s, season %d; train %d, evaluate %d; MASE scale %.4f%n",
          series.source(),
          series.size(),
          series.intervalLabel(),
          series.season(),
          report.trainSize(),
          report.evalSize(),
          report.maseScale());
      for (ForecastEvaluation.Protocol p : report.protocols()) {
        out.println();
        out.printf(
            Locale.ROOT,
            "protocol %s (H = %d%s), scored by %s; ratio = %s / best baseline's%n",
            p.protocol(),
            p.horizon(),
            p.protocol().equals("horizon") ? ", stride " + config.stride() : "",
            p.metric().toUpperCase(Locale.ROOT),
            p.metric().toUpperCase(Locale.ROOT));
        TextTable t = new TextTable("model", "kind", "MAE", "RMSE", "sMAPE %", "MASE", "ratio");
        for (ForecastEvaluation.ModelScore m : p.models()) {
          t.row(
              m.fitted(),
              m.baseline() ? "baseline" : "model",
              f(m.mae()),
              f(m.rmse()),
              String.format(Locale.ROOT, "%.2f", m.smape()),
              f(m.mase()),
              f(m.ratio()));
        }
        out.print(t);
        ForecastEvaluation.ModelScore best = p.bestModel();
        out.printf(
            Locale.ROOT,
            "best model: %s, ratio %.3f (%s the best baseline, %s)%n",
            best.name(),
            best.ratio(),
            best.ratio() < 1 ? "beats" : "does not beat",
            p.bestBaseline().name());
      }
    }

    private static Path plot(Path dir, TimeSeries series, ForecastEvaluation.Report report) {
      ForecastEvaluation.Protocol oneStep = report.protocols().get(0);
      String model = oneStep.bestModel().name();
      String base = oneStep.bestBaseline().name();
      double[] actual = report.actual();
      // the last week of the evaluation span at most, so the lines stay readable
      int show = Math.min(actual.length, 7 * series.season());
      int from = actual.length - show;
      double[] x = new double[show];
      double perHour = series.samplesPerHour();
      for (int i = 0; i < show; i++) {
        x[i] = (from + i) / (series.intervalSeconds() >= 3_600 ? 1.0 : perHour);
      }
      Map<String, double[]> lines = new LinkedHashMap<>();
      lines.put("actual", java.util.Arrays.copyOfRange(actual, from, actual.length));
      lines.put(
          model + " (one-step)",
          java.util.Arrays.copyOfRange(report.oneStep().get(model), from, actual.length));
      lines.put(
          base + " (one-step)",
          java.util.Arrays.copyOfRange(report.oneStep().get(base), from, actual.length));
      String stem = stem(series.source());
      return Charts.lines(
          dir,
          "forecast-" + stem,
          "Forecast vs actual, " + series.source() + " (last week of the evaluation span)",
          "hours into the evaluation span",
          "SRU",
          x,
          lines,
          2000);
    }
  }

  /** {@code forecast synth}: writes the synthetic cellular test series as CSV. */
  @Command(
      name = "synth",
      mixinStandardHelpOptions = true,
      description =
          "Writes the synthetic cellular series (35 days hourly, daily and weekly cycle, noise,"
              + " a 15 % drop from day 26; deterministic) as CSV.")
  static final class Synth implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV to write")
    Path out;

    @Override
    public Integer call() {
      try {
        if (out.getParent() != null) {
          Files.createDirectories(out.getParent());
        }
        Files.writeString(out, SyntheticTraffic.cellularHourly().toCsv());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out, e);
      }
      spec.commandLine().getOut().println("wrote " + out);
      return 0;
    }
  }

  static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String stem(String source) {
    String s = source.replaceAll("\\.[A-Za-z]+$", "");
    return s.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  static String json(Object value) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

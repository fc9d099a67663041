package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.operator.pricing.NashPricing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator pricing …}: seller pricing strategies. */
@Command(
    name = "pricing",
    mixinStandardHelpOptions = true,
    description = "Pricing: P = c × T, and the Nash-equilibrium pricer (optional seller strategy).",
    subcommands = {PricingCommand.Equilibrium.class})
public final class PricingCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code pricing equilibrium}: the G/U/H price competition and its checks. */
  @Command(
      name = "equilibrium",
      mixinStandardHelpOptions = true,
      description =
          "The Nash equilibrium of the ground/UAV/HAP price game (bio-inspired 3D paper, §IV"
              + " parameters, |β|) with its checks: price order G > U > H, profit order"
              + " H > U > G, profit rising with users, no profitable unilateral deviation.")
  static final class Equilibrium implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin OutputOptions output;

    @Option(
        names = "--coefficients",
        defaultValue = "DERIVED",
        description = "cross-price coefficients: DERIVED (from the utility) or PRINTED")
    NashPricing.Coefficients coefficients;

    @Override
    public Integer call() {
      NashPricing.Parameters params = NashPricing.Parameters.paper().withCoefficients(coefficients);
      NashPricing.Equilibrium eq = new NashPricing(params).solve();
      double[] shared = eq.sharedAreaPrice(params);
      double[] scales = {1.0, 1.25, 1.5, 2.0};
      List<double[]> byUsers = new ArrayList<>();
      for (double s : scales) {
        byUsers.add(new NashPricing(params.withUserScale(s)).solve().totalProfit());
      }
      boolean priceOrder = shared[0] > shared[1] && shared[1] > shared[2];
      double[] t = eq.totalProfit();
      boolean profitOrder = t[2] > t[1] && t[1] > t[0];
      boolean rises = true;
      for (int k = 1; k < byUsers.size(); k++) {
        for (int i = 0; i < 3; i++) {
          rises &= byUsers.get(k)[i] > byUsers.get(k - 1)[i];
        }
      }
      boolean nash = eq.maxDeviationGain() < 1e-6 * Math.max(1, Math.abs(t[0]));
      boolean belowSafe = true;
      for (int i = 0; i < 3; i++) {
        for (double v : eq.price()[i]) {
          belowSafe &= Double.isNaN(v) || v < params.safePrice()[i];
        }
      }
      Map<String, Boolean> checks = new LinkedHashMap<>();
      checks.put("price order G > U > H (areas all three serve)", priceOrder);
      checks.put("profit order H > U > G", profitOrder);
      checks.put("profit rises with users (x1, x1.25, x1.5, x2)", rises);
      checks.put("no profitable unilateral deviation", nash);
      checks.put("unlicensed price below the licensed price", belowSafe);
      PrintWriter out = spec.commandLine().getOut();
      if (output.json) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("coefficients", coefficients.name());
        root.put("providers", NashPricing.PROVIDERS);
        root.put("price", eq.price());
        root.put("demand", eq.demand());
        root.put("profit", eq.profit());
        root.put("totalProfit", t);
        root.put("sharedAreaPrice", shared);
        root.put("iterations", eq.iterations());
        root.put("maxDeviationGain", eq.maxDeviationGain());
        root.put("userScales", scales);
        root.put("totalProfitByUserScale", byUsers);
        root.put("checks", checks);
        out.println(ForecastCommand.json(nanToNull(root)));
      } else {
        out.printf(
            Locale.ROOT,
            "Nash equilibrium, %s cross-price coefficients, |β|; %d best-response rounds at most%n",
            coefficients,
            eq.iterations());
        TextTable table = new TextTable("area", "users", "P_G", "P_U", "P_H", "D_G", "D_U", "D_H");
        for (int a = 0; a < params.users().length; a++) {
          table.row(
              a + 1,
              (int) params.users()[a],
              f(eq.price()[0][a]),
              f(eq.price()[1][a]),
              f(eq.price()[2][a]),
              f(eq.demand()[0][a]),
              f(eq.demand()[1][a]),
              f(eq.demand()[2][a]));
        }
        out.print(table);
        TextTable profits = new TextTable("users", "profit G", "profit U", "profit H");
        for (int k = 0; k < scales.length; k++) {
          profits.row(
              "x" + scales[k], f(byUsers.get(k)[0]), f(byUsers.get(k)[1]), f(byUsers.get(k)[2]));
        }
        out.println();
        out.print(profits);
        out.println();
        TextTable ct = new TextTable("check", "holds");
        checks.forEach((k, v) -> ct.row(k, v ? "yes" : "NO"));
        out.print(ct);
      }
      if (output.plotDir != null) {
        plot(output.plotDir, params, eq, scales, byUsers);
      }
      out.flush();
      return 0;
    }

    /** Equilibrium price per area (gaps where a provider does not serve) and profit by users. */
    private void plot(
        Path dir,
        NashPricing.Parameters params,
        NashPricing.Equilibrium eq,
        double[] scales,
        List<double[]> byUsers) {
      String suffix = coefficients.name().toLowerCase(Locale.ROOT);
      int areas = params.users().length;
      double[] x = new double[areas];
      for (int a = 0; a < areas; a++) {
        x[a] = a + 1;
      }
      Map<String, double[]> prices = new LinkedHashMap<>();
      Map<String, double[]> profits = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        prices.put("P_" + NashPricing.PROVIDERS.get(i), eq.price()[i]);
        double[] p = new double[scales.length];
        for (int k = 0; k < scales.length; k++) {
          p[k] = byUsers.get(k)[i];
        }
        profits.put("profit " + NashPricing.PROVIDERS.get(i), p);
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "chart: "
              + Charts.lines(
                  dir,
                  "pricing-equilibrium-" + suffix,
                  "Nash equilibrium price per area (" + coefficients + " coefficients)",
                  "area",
                  "price",
                  x,
                  prices,
                  areas,
                  true));
      err.println(
          "chart: "
              + Charts.lines(
                  dir,
                  "pricing-profit-by-users-" + suffix,
                  "Total equilibrium profit as users scale (" + coefficients + " coefficients)",
                  "users (x the paper's)",
                  "profit",
                  scales,
                  profits,
                  scales.length,
                  true));
    }

    private static Object nanToNull(Object o) {
      if (o instanceof double[][] m) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] r : m) {
          List<Double> row = new ArrayList<>();
          for (double v : r) {
            row.add(Double.isNaN(v) ? null : v);
          }
          rows.add(row);
        }
        return rows;
      }
      if (o instanceof Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, nanToNull(v)));
        return out;
      }
      return o;
    }

    private static String f(double v) {
      return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
  }
}

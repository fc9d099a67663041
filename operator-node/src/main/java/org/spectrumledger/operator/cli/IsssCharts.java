package org.spectrumledger.operator.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.RadarChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.spectrumledger.operator.sensing.ConfigurationGains;
import org.spectrumledger.operator.sensing.Gain;
import org.spectrumledger.operator.sensing.NodeResult;
import org.spectrumledger.operator.sensing.RegimeResult;

/**
 * The charts of the ISSS paper's Figures 1–3, drawn from a sweep: gains against E per regime (ISSS
 * solid, cooperative dashed, with their intervals as error bars), the (G_I, G_U) frontier, and the
 * radar of ISSS at E = 1, cooperative at the marked E and ISSS at the marked E.
 */
final class IsssCharts {

  private static final Color[] REGIME_COLOURS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0xff7f0e),
    new Color(0x8c564b)
  };

  private IsssCharts() {}

  /** Writes the charts into {@code dir} and returns the files. */
  static List<Path> write(Path dir, List<RegimeResult> results, int mark, String caption) {
    System.setProperty("java.awt.headless", "true");
    try {
      Files.createDirectories(dir);
      List<Path> files = new ArrayList<>();
      files.add(
          save(
              gainsVsNodes(
                  results, mark, caption, "Interference reduction G_I", c -> c.interference()),
              dir.resolve("isss-interference-vs-nodes")));
      files.add(
          save(
              gainsVsNodes(results, mark, caption, "Utilisation gain G_U", c -> c.utilisation()),
              dir.resolve("isss-utilisation-vs-nodes")));
      files.add(save(frontier(results, caption), dir.resolve("isss-frontier")));
      for (RegimeResult r : results) {
        RadarChart radar = radar(r, mark, caption);
        if (radar != null) {
          files.add(
              save(
                  radar,
                  dir.resolve(String.format(Locale.ROOT, "isss-radar-pbusy-%.2f", r.pBusy()))));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the charts into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static XYChart gainsVsNodes(
      List<RegimeResult> results,
      int mark,
      String caption,
      String what,
      Function<ConfigurationGains, Gain> metric) {
    XYChart chart = new XYChart(900, 600);
    chart.setTitle(what + " vs E; " + caption);
    chart.setXAxisTitle("E (edge nodes)");
    chart.setYAxisTitle(what + " (%)");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setXAxisDecimalPattern("0");
    for (int i = 0; i < results.size(); i++) {
      RegimeResult r = results.get(i);
      Color colour = REGIME_COLOURS[i % REGIME_COLOURS.length];
      for (boolean isss : new boolean[] {true, false}) {
        double[] x = new double[r.nodes().size()];
        double[] y = new double[x.length];
        double[] err = new double[x.length];
        for (int k = 0; k < x.length; k++) {
          NodeResult n = r.nodes().get(k);
          Gain g = metric.apply(isss ? n.isss() : n.coop());
          x[k] = n.nodes();
          y[k] = g.defined() ? g.value() : 0;
          err[k] = g.defined() ? g.halfWidth() : 0;
        }
        XYSeries s =
            chart.addSeries(
                String.format(
                    Locale.ROOT, "%s, P_busy = %.2f", isss ? "ISSS" : "cooperative", r.pBusy()),
                x,
                y,
                err);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(isss ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
        s.setMarker(isss ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      }
    }
    chart.addAnnotation(new AnnotationLine(mark, true, false));
    return chart;
  }

  private static XYChart frontier(List<RegimeResult> results, String caption) {
    XYChart chart = new XYChart(900, 600);
    chart.setTitle("G_U against G_I as E grows; " + caption);
    chart.setXAxisTitle("interference reduction G_I (%)");
    chart.setYAxisTitle("utilisation gain G_U (%)");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    for (int i = 0; i < results.size(); i++) {
      RegimeResult r = results.get(i);
      Color colour = REGIME_COLOURS[i % REGIME_COLOURS.length];
      for (boolean isss : new boolean[] {true, false}) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (NodeResult n : r.nodes()) {
          ConfigurationGains g = isss ? n.isss() : n.coop();
          if (g.interference().defined() && g.utilisation().defined()) {
            x.add(g.interference().value());
            y.add(g.utilisation().value());
          }
        }
        if (x.isEmpty()) {
          continue;
        }
        XYSeries s =
            chart.addSeries(
                String.format(
                    Locale.ROOT, "%s, P_busy = %.2f", isss ? "ISSS" : "cooperative", r.pBusy()),
                x,
                y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(isss ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
        s.setMarker(isss ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      }
    }
    return chart;
  }

  /** The radar of Figure 3, or null when E = 1 or the marked E was not swept. */
  private static RadarChart radar(RegimeResult r, int mark, String caption) {
    var one = r.at(1);
    var marked = r.at(mark);
    if (one.isEmpty() || marked.isEmpty()) {
      return null;
    }
    RadarChart chart = new RadarChart(700, 600);
    chart.setTitle(
        String.format(Locale.ROOT, "Gains 0-100 %%, P_busy = %.2f; %s", r.pBusy(), caption));
    chart.getStyler().setSeriesFilled(false);
    chart.setRadiiLabels(new String[] {"G_I", "G_U", "G_S"});
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.addSeries("ISSS, E = 1", axes(one.get().isss()));
    chart.addSeries("cooperative, E = " + mark, axes(marked.get().coop()));
    chart.addSeries("ISSS, E = " + mark, axes(marked.get().isss()));
    return chart;
  }

  /** Gains as radar radii in [0, 1]: negative gains sit at the centre, undefined ones too. */
  private static double[] axes(ConfigurationGains g) {
    return new double[] {radius(g.interference()), radius(g.utilisation()), radius(g.scheduling())};
  }

  private static double radius(Gain g) {
    return g.defined() ? Math.max(0, Math.min(1, g.value() / 100)) : 0;
  }

  private static Path save(Chart<?, ?> chart, Path base) throws IOException {
    BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    return base.resolveSibling(base.getFileName() + ".png");
  }
}

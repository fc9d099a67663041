package org.spectrumledger.operator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts saved as PNG, drawn headless. */
final class Charts {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Saves a line chart of several series over a shared x axis, thinned to at most {@code maxPoints}
   * points each (by averaging), as {@code dir/file}.
   */
  static Path lines(
      Path dir,
      String file,
      String title,
      String xLabel,
      String yLabel,
      double[] x,
      Map<String, double[]> series,
      int maxPoints) {
    return lines(dir, file, title, xLabel, yLabel, x, series, maxPoints, false);
  }

  /**
   * As {@link #lines(Path, String, String, String, String, double[], Map, int)}, with a marker on
   * every point when {@code markers} (for short series with gaps: NaN breaks a line, and a point
   * between two gaps is only visible as a marker).
   */
  static Path lines(
      Path dir,
      String file,
      String title,
      String xLabel,
      String yLabel,
      double[] x,
      Map<String, double[]> series,
      int maxPoints,
      boolean markers) {
    XYChart chart =
        new XYChartBuilder()
            .width(1000)
            .height(420)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(markers ? 8 : 0);
    chart.getStyler().setAntiAlias(true);
    for (var e : series.entrySet()) {
      double[] y = e.getValue();
      int n = Math.min(x.length, y.length);
      int step = Math.max(1, (n + maxPoints - 1) / maxPoints);
      int m = (n + step - 1) / step;
      double[] xs = new double[m];
      double[] ys = new double[m];
      for (int k = 0; k < m; k++) {
        int from = k * step;
        int to = Math.min(n, from + step);
        double sx = 0;
        double sy = 0;
        for (int i = from; i < to; i++) {
          sx += x[i];
          sy += y[i];
        }
        xs[k] = sx / (to - from);
        ys[k] = sy / (to - from);
      }
      XYSeries s = chart.addSeries(e.getKey(), xs, ys);
      s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    try {
      Files.createDirectories(dir);
      Path out = dir.resolve(file);
      BitmapEncoder.saveBitmap(chart, out.toString(), BitmapEncoder.BitmapFormat.PNG);
      return out.getParent().resolve(file.endsWith(".png") ? file : file + ".png");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart " + file + " into " + dir, e);
    }
  }
}

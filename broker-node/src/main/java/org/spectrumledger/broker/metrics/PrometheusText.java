package org.spectrumledger.broker.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Prometheus text format back: each series, written as the exposition writes it ({@code
 * name} or {@code name{label="value",…}}), to its number. The client library writes this format but
 * does not read it; this is what the demo, the benchmarks and the tests read a scrape with.
 */
public final class PrometheusText {

  private PrometheusText() {}

  /**
   * The series of {@code text} in order; comments and blank lines skipped, timestamps dropped.
   *
   * @throws IllegalArgumentException on a line that is not a sample
   */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int end = seriesEnd(line);
      String[] rest = line.substring(end).strip().split("\\s+");
      if (rest[0].isEmpty()) {
        throw new IllegalArgumentException("no value in metrics line: " + raw);
      }
      series.put(line.substring(0, end), number(rest[0], raw));
    }
    return series;
  }

  /** Where the series name and its labels end. */
  private static int seriesEnd(String line) {
    int brace = line.indexOf('{');
    int space = firstWhitespace(line);
    if (brace < 0 || (space >= 0 && space < brace)) {
      if (space < 0) {
        throw new IllegalArgumentException("no value in metrics line: " + line);
      }
      return space;
    }
    boolean quoted = false;
    for (int i = brace + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '}') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("unterminated labels in metrics line: " + line);
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static double number(String s, String line) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a number in metrics line: " + line, e);
        }
      }
    };
  }
}

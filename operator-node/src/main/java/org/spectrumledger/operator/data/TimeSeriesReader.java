package org.spectrumledger.operator.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a demand series from the ProSAS TSV files (UTF-8 byte-order mark, header {@code
 * Time<TAB>NRB}, CRLF or LF) or from a CSV with a header, a timestamp column and a value column.
 *
 * <p>The sampling interval is the most common step between timestamps. Rows that repeat a timestamp
 * are handled by a {@link DuplicatePolicy}; a gap of up to {@code maxGapFill} missing samples is
 * filled by linear interpolation, a longer one, a step that is not a whole number of intervals, or
 * a timestamp that goes back is an error naming the line.
 */
public final class TimeSeriesReader {

  /**
   * @param valueColumn the value column's name; null takes the first column after the timestamp
   * @param duplicates what to do with repeated timestamps
   * @param maxGapFill the most missing samples in a row that are interpolated
   * @param minSamples the fewest samples a usable file has
   */
  public record Options(
      String valueColumn, DuplicatePolicy duplicates, int maxGapFill, int minSamples) {
    public Options {
      if (duplicates == null) {
        throw new IllegalArgumentException("duplicates policy is required");
      }
      if (maxGapFill < 0) {
        throw new IllegalArgumentException("maxGapFill must be >= 0, got " + maxGapFill);
      }
      if (minSamples < 3) {
        throw new IllegalArgumentException("minSamples must be >= 3, got " + minSamples);
      }
    }

    /** Mean of duplicates, gaps of up to 3 samples filled, at least 3 samples. */
    public static Options defaults() {
      return new Options(null, DuplicatePolicy.MEAN, 3, 3);
    }

    public Options withDuplicates(DuplicatePolicy policy) {
      return new Options(valueColumn, policy, maxGapFill, minSamples);
    }

    public Options withMaxGapFill(int samples) {
      return new Options(valueColumn, duplicates, samples, minSamples);
    }

    public Options withMinSamples(int samples) {
      return new Options(valueColumn, duplicates, maxGapFill, samples);
    }

    public Options withValueColumn(String column) {
      return new Options(column, duplicates, maxGapFill, minSamples);
    }
  }

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final Options options;

  public TimeSeriesReader(Options options) {
    this.options = options;
  }

  public TimeSeriesReader() {
    this(Options.defaults());
  }

  /** Reads a file; an unreadable file is an {@link UncheckedIOException} naming it. */
  public TimeSeries read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(file.getFileName().toString(), text);
  }

  /** Parses the text of a file named {@code source}. */
  public TimeSeries parse(String source, String text) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\n|\r", -1);
    int headerLine = 0;
    while (headerLine < lines.length && lines[headerLine].isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.length) {
      throw new TimeSeriesFormatException(source, 0, "the file is empty");
    }
    String header = lines[headerLine];
    String delimiter = header.contains("\t") ? "\t" : header.contains(",") ? "," : ";";
    String[] columns = split(header, delimiter);
    if (columns.length < 2) {
      throw new TimeSeriesFormatException(
          source,
          headerLine + 1,
          "the header needs a timestamp column and a value column (tab, comma or semicolon"
              + " separated), got '"
              + header
              + "'");
    }
    int timeColumn = 0;
    int valueColumn = valueColumn(source, headerLine + 1, columns, timeColumn);

    List<long[]> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      String[] cells = split(line, delimiter);
      if (cells.length != columns.length) {
        throw new TimeSeriesFormatException(
            source,
            lineNo,
            "expected " + columns.length + " columns, got " + cells.length + ": '" + line + "'");
      }
      long t = parseTime(source, lineNo, cells[timeColumn]);
      double v = parseValue(source, lineNo, cells[valueColumn]);
      times.add(new long[] {t});
      values.add(v);
      lineNumbers.add(lineNo);
    }
    if (values.size() < options.minSamples()) {
      throw new TimeSeriesFormatException(
          source,
          0,
          "too little data: "
              + values.size()
              + " rows, at least "
              + options.minSamples()
              + " are needed");
    }
    return regularise(source, times, values, lineNumbers);
  }

  private int valueColumn(String source, int lineNo, String[] columns, int timeColumn) {
    if (options.valueColumn() == null) {
      return timeColumn == 0 ? 1 : 0;
    }
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].equalsIgnoreCase(options.valueColumn())) {
        return c;
      }
    }
    throw new TimeSeriesFormatException(
        source,
        lineNo,
        "no column named '" + options.valueColumn() + "' in " + String.join(", ", columns));
  }

  private TimeSeries regularise(
      String source, List<long[]> times, List<Double> values, List<Integer> lineNumbers) {
    int n = values.size();
    long interval = inferInterval(source, times);
    List<Long> outT = new ArrayList<>(n);
    List<Double> outV = new ArrayList<>(n);
    int merged = 1;
    for (int i = 0; i < n; i++) {
      long t = times.get(i)[0];
      double v = values.get(i);
      if (i == 0) {
        outT.add(t);
        outV.add(v);
        continue;
      }
      long prev = times.get(i - 1)[0];
      long step = t - prev;
      int lineNo = lineNumbers.get(i);
      if (step < 0) {
        throw new TimeSeriesFormatException(
            source, lineNo, "the timestamp goes back in time (" + step + " s)");
      }
      if (step == 0) {
        switch (options.duplicates()) {
          case REJECT ->
              throw new TimeSeriesFormatException(
                  source, lineNo, "the timestamp repeats the previous row's");
          case FIRST -> {
            continue;
          }
          case LAST -> {
            outV.set(outV.size() - 1, v);
            continue;
          }
          case MEAN -> {
            int last = outV.size() - 1;
            outV.set(last, (outV.get(last) * merged + v) / (merged + 1));
            merged++;
            continue;
          }
          case KEEP -> {
            outT.add(t);
            outV.add(v);
            continue;
          }
          default -> throw new IllegalStateException();
        }
      }
      merged = 1;
      if (step % interval != 0) {
        throw new TimeSeriesFormatException(
            source,
            lineNo,
            "a step of "
                + step
                + " s is not a whole number of the "
                + interval
                + " s sampling interval");
      }
      long missing = step / interval - 1;
      if (missing > options.maxGapFill()) {
        throw new TimeSeriesFormatException(
            source,
            lineNo,
            "a gap of "
                + missing
                + " missing samples before this row; at most "
                + options.maxGapFill()
                + " are filled by interpolation");
      }
      double before = outV.get(outV.size() - 1);
      for (int k = 1; k <= missing; k++) {
        outT.add(prev + k * interval);
        outV.add(before + (v - before) * k / (missing + 1));
      }
      outT.add(t);
      outV.add(v);
    }
    long[] t = new long[outT.size()];
    double[] v = new double[outV.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = outT.get(i);
      v[i] = outV.get(i);
    }
    if (v.length < options.minSamples()) {
      throw new TimeSeriesFormatException(
          source,
          0,
          "too little data: "
              + v.length
              + " samples after merging repeated timestamps, at least "
              + options.minSamples()
              + " are needed");
    }
    return new TimeSeries(source, t, v, interval);
  }

  /** The most common positive step; ties go to the smaller step. */
  private static long inferInterval(String source, List<long[]> times) {
    java.util.TreeMap<Long, Integer> counts = new java.util.TreeMap<>();
    for (int i = 1; i < times.size(); i++) {
      long step = times.get(i)[0] - times.get(i - 1)[0];
      if (step > 0) {
        counts.merge(step, 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      throw new TimeSeriesFormatException(
          source, 0, "too little data: no two distinct timestamps to infer the interval from");
    }
    long best = 0;
    int bestCount = -1;
    for (var e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  private static String[] split(String line, String delimiter) {
    String[] cells = line.split(java.util.regex.Pattern.quote(delimiter), -1);
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].strip();
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1).strip();
      }
      cells[i] = c;
    }
    return cells;
  }

  private static long parseTime(String source, int lineNo, String cell) {
    if (!cell.isEmpty() && cell.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(cell);
    }
    try {
      return LocalDateTime.parse(cell, LOCAL).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException local) {
      try {
        return OffsetDateTime.parse(cell).toEpochSecond();
      } catch (DateTimeParseException offset) {
        throw new TimeSeriesFormatException(
            source,
            lineNo,
            "cannot read the timestamp '"
                + cell
                + "' (expected YYYY-MM-DD HH:MM[:SS], ISO-8601 or epoch seconds)");
      }
    }
  }

  private static double parseValue(String source, int lineNo, String cell) {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new TimeSeriesFormatException(source, lineNo, "cannot read the value '" + cell + "'");
    }
    if (!Double.isFinite(v)) {
      throw new TimeSeriesFormatException(
          source, lineNo, "the value is not finite: '" + cell + "'");
    }
    return v;
  }
}

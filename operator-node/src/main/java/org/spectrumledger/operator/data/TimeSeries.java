package org.spectrumledger.operator.data;

import java.time.Instant;
import java.util.Arrays;

/**
 * A regularly sampled series: one value per {@code intervalSeconds}, timestamps in epoch seconds
 * (the files' local clock read as UTC).
 *
 * @param source where it came from (a file name), for messages
 * @param epochSeconds the timestamps, strictly increasing unless duplicates were kept
 * @param values the observations
 * @param intervalSeconds the sampling interval inferred from the timestamps
 */
public record TimeSeries(
    String source, long[] epochSeconds, double[] values, long intervalSeconds) {

  public TimeSeries {
    if (epochSeconds.length != values.length) {
      throw new IllegalArgumentException(
          source + ": " + epochSeconds.length + " timestamps but " + values.length + " values");
    }
    if (intervalSeconds <= 0) {
      throw new IllegalArgumentException(source + ": the interval must be positive");
    }
    epochSeconds = epochSeconds.clone();
    values = values.clone();
  }

  /** A series with synthetic timestamps starting at {@code start}. */
  public static TimeSeries of(String source, Instant start, long intervalSeconds, double[] values) {
    long[] t = new long[values.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = start.getEpochSecond() + i * intervalSeconds;
    }
    return new TimeSeries(source, t, values, intervalSeconds);
  }

  public int size() {
    return values.length;
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public long[] epochSeconds() {
    return epochSeconds.clone();
  }

  public double value(int i) {
    return values[i];
  }

  public Instant time(int i) {
    return Instant.ofEpochSecond(epochSeconds[i]);
  }

  /**
   * The number of samples in one daily season: 24 for hourly data, 1440 per minute; 7 (a week) for
   * daily data.
   */
  public int season() {
    return seasonOf(intervalSeconds);
  }

  /** The daily season for a sampling interval, as {@link #season()}. */
  public static int seasonOf(long intervalSeconds) {
    if (intervalSeconds >= 86_400) {
      return 7;
    }
    if (86_400 % intervalSeconds != 0) {
      throw new IllegalArgumentException(
          "an interval of " + intervalSeconds + " s does not divide a day into whole samples");
    }
    return (int) (86_400 / intervalSeconds);
  }

  /** Samples per hour (at least 1). */
  public int samplesPerHour() {
    return (int) Math.max(1, 3_600 / intervalSeconds);
  }

  /** "1h", "1m", "15m", "30s" or "1d": the interval as a short label. */
  public String intervalLabel() {
    return labelOf(intervalSeconds);
  }

  static String labelOf(long s) {
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSeries t
        && source.equals(t.source)
        && intervalSeconds == t.intervalSeconds
        && Arrays.equals(epochSeconds, t.epochSeconds)
        && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Long.hashCode(intervalSeconds);
  }

  @Override
  public String toString() {
    return source + " (" + size() + " samples every " + intervalLabel() + ")";
  }
}

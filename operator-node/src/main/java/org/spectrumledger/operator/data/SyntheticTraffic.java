package org.spectrumledger.operator.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic cellular demand series (SRU), deterministic under its seed: a daily profile (quiet at
 * night, busy in the evening), quieter weekends, AR(1) noise and a level drop for the last part of
 * the series. It is not real traffic; it is a strongly daily series on which the forecasters and
 * the agent can be checked away from the LTE file.
 *
 * @param days how many days
 * @param samplesPerDay 24 for hourly, 1440 per minute
 * @param base the mean daytime demand in SRU
 * @param amplitude the daily swing in SRU
 * @param weekendFactor demand multiplier on Saturdays and Sundays
 * @param noise the AR(1) innovation standard deviation in SRU
 * @param shiftAtDay the day from which demand drops
 * @param shiftFactor the multiplier after the drop
 * @param seed the noise seed
 */
public record SyntheticTraffic(
    int days,
    int samplesPerDay,
    double base,
    double amplitude,
    double weekendFactor,
    double noise,
    int shiftAtDay,
    double shiftFactor,
    long seed) {

  /** The start of the series: Wednesday 2023-03-01 00:00 (UTC). */
  public static final Instant START = Instant.parse("2023-03-01T00:00:00Z");

  public SyntheticTraffic {
    if (days < 1 || samplesPerDay < 1 || 86_400 % samplesPerDay != 0) {
      throw new IllegalArgumentException("days >= 1 and samplesPerDay dividing a day are needed");
    }
  }

  /** The committed test series: 35 days hourly, a 15 % drop from day 26, seed 2023. */
  public static SyntheticTraffic cellularHourly() {
    return new SyntheticTraffic(35, 24, 20, 6, 0.8, 0.6, 26, 0.85, 2023);
  }

  public TimeSeries generate() {
    int n = days * samplesPerDay;
    double[] v = new double[n];
    SplittableRandom random = new SplittableRandom(seed);
    double ar = 0;
    for (int i = 0; i < n; i++) {
      double hour = 24.0 * (i % samplesPerDay) / samplesPerDay;
      int day = i / samplesPerDay;
      int dow = (2 + day) % 7; // 0 = Monday; 2023-03-01 is a Wednesday
      // quiet at 04:00, a morning rise, a plateau and an evening peak at 20:00
      double profile =
          -Math.cos(2 * Math.PI * (hour - 4) / 24) * 0.75
              + 0.25 * Math.exp(-Math.pow((hour - 20) / 2.0, 2));
      double level = base + amplitude * profile;
      if (dow >= 5) {
        level *= weekendFactor;
      }
      if (day >= shiftAtDay) {
        level *= shiftFactor;
      }
      ar = 0.7 * ar + noise * gaussian(random);
      v[i] = Math.max(0, level + ar);
    }
    return TimeSeries.of("synthetic-cellular", START, 86_400 / samplesPerDay, v);
  }

  /** The series as CSV text: a header {@code time,sru} and one row per sample. */
  public String toCsv() {
    TimeSeries s = generate();
    DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    long[] t = s.epochSeconds();
    StringBuilder sb = new StringBuilder("time,sru\n");
    for (int i = 0; i < s.size(); i++) {
      sb.append(LocalDateTime.ofEpochSecond(t[i], 0, ZoneOffset.UTC).format(f))
          .append(',')
          .append(String.format(Locale.ROOT, "%.4f", s.value(i)))
          .append('\n');
    }
    return sb.toString();
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller, one draw per call, so the stream depends only on the seed
    double u1 = 1 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

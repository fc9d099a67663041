package org.spectrumledger.broker.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The broker's metrics, kept by the Prometheus Java client and rendered in its text format:
 * counters (optionally with one label), values read when scraped, and histograms with fixed buckets
 * for latencies, sizes and gas. Call sites name a metric and give a value; the metric is created on
 * first use, with the help text {@link #describe} gave it and, for a histogram, the buckets listed
 * for its name in {@code BUCKETS}, the one place they are declared.
 *
 * <p>The client library rather than Micrometer: this class already is the broker's facade, and the
 * client writes each name exactly as given (Micrometer's naming convention would rename the
 * callback totals and add {@code _max} series), takes explicit buckets per histogram, and is the
 * library the operator daemon serves its own metrics with.
 */
public final class Metrics {

  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /**
   * The upper bounds of each histogram's buckets (a {@code +Inf} bucket is always added). A
   * histogram not listed here gets the client's default, made for request latencies in seconds (5
   * ms to 10 s).
   */
  private static final Map<String, double[]> BUCKETS =
      Map.of(
          // one market's clearing: microseconds for a small book, ~1 ms at 100,000 orders
          "broker_clearing_seconds",
          new double[] {
            1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 0.01, 0.025, 0.05, 0.1
          },
          // one order from arrival to its answer, the durable write included
          "broker_intake_seconds",
          new double[] {1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 1},
          // clearing to receipt: one to a few block periods (1 s) when all is well
          "broker_settlement_latency_seconds",
          new double[] {0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120, 300},
          // about 43,000 gas per fill, 2 to 256 fills per batch
          "broker_batch_gas",
          new double[] {
            100_000,
            200_000,
            500_000,
            1_000_000,
            2_000_000,
            4_000_000,
            8_000_000,
            12_000_000,
            16_000_000,
            30_000_000
          });

  private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

  /** A counter and the name of its one label ("" for none). */
  private record LabelledCounter(Counter counter, String labelName) {}

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, String> help = new ConcurrentHashMap<>();
  private final Map<String, LabelledCounter> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, Collector> callbacks = new ConcurrentHashMap<>();

  /**
   * Adds 1 to counter {@code name} with label {@code labelName} set to {@code label}; an empty
   * {@code labelName} means no label. A counter keeps the label it was first used with.
   */
  public void inc(String name, String labelName, String label) {
    LabelledCounter c = counter(name, labelName);
    if (labelName.isEmpty()) {
      c.counter().inc();
    } else {
      c.counter().labelValues(label).inc();
    }
  }

  public void inc(String name) {
    inc(name, "", "");
  }

  public void add(String name, long n) {
    counter(name, "").counter().inc(n);
  }

  /** The value of counter {@code name}, summed over its label values; 0 before its first use. */
  public long counter(String name) {
    LabelledCounter c = counters.get(name);
    if (c == null) {
      return 0;
    }
    double sum = 0;
    for (CounterSnapshot.CounterDataPointSnapshot p : c.counter().collect().getDataPoints()) {
      sum += p.getValue();
    }
    return Math.round(sum);
  }

  /**
   * A value read when scraped. A name ending in {@code _total} is a running total and is exposed as
   * a counter; any other as a gauge. Registering a name again replaces its supplier.
   */
  public void gauge(String name, String description, LongSupplier value) {
    help.put(name, description);
    Collector c =
        name.endsWith("_total")
            ? CounterWithCallback.builder()
                .name(name)
                .help(description)
                .callback(cb -> cb.call(value.getAsLong()))
                .build()
            : GaugeWithCallback.builder()
                .name(name)
                .help(description)
                .callback(cb -> cb.call(value.getAsLong()))
                .build();
    Collector previous = callbacks.put(name, c);
    if (previous != null) {
      registry.unregister(previous);
    }
    registry.register(c);
  }

  /** Records one observation of histogram {@code name}. */
  public void observe(String name, double value) {
    histograms.computeIfAbsent(name, this::newHistogram).observe(value);
  }

  /** The help text of {@code name}; give it before the metric's first use. */
  public void describe(String name, String description) {
    help.put(name, description);
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      TEXT.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the metrics to memory", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * One series of the exposition as a number, e.g. {@code broker_settlement_latency_seconds_count}
   * or {@code broker_orders_rejected_total{reason="expired"}}; 0 when it has no value yet.
   */
  public double value(String series) {
    return PrometheusText.parse(scrape()).getOrDefault(series, 0.0);
  }

  private LabelledCounter counter(String name, String labelName) {
    // a plain get first: computeIfAbsent's lambda captures the label name, an allocation a count
    LabelledCounter c = counters.get(name);
    if (c == null) {
      c = register(name, labelName);
    }
    if (!c.labelName().equals(labelName)) {
      throw new IllegalStateException(
          "counter "
              + name
              + " has label '"
              + c.labelName()
              + "', not '"
              + labelName
              + "': a counter keeps one label");
    }
    return c;
  }

  private LabelledCounter register(String name, String labelName) {
    return counters.computeIfAbsent(
        name,
        n -> {
          Counter.Builder b = Counter.builder().name(n);
          if (help.containsKey(n)) {
            b.help(help.get(n));
          }
          if (!labelName.isEmpty()) {
            b.labelNames(labelName);
          }
          return new LabelledCounter(b.register(registry), labelName);
        });
  }

  private Histogram newHistogram(String name) {
    Histogram.Builder b = Histogram.builder().name(name);
    if (help.containsKey(name)) {
      b.help(help.get(name));
    }
    double[] bounds = BUCKETS.get(name);
    if (bounds != null) {
      b.classicUpperBounds(bounds);
    }
    return b.classicOnly().register(registry);
  }
}

package org.spectrumledger.broker.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.LongSupplier;

/**
 * The broker's metrics in the Prometheus text format: counters (optionally with one label), gauges
 * read when scraped, and summaries (count, sum, max) for durations and gas. Small on purpose: it
 * needs no client library and costs an atomic add per observation.
 */
public final class Metrics {

  private record Key(String name, String label) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : label.compareTo(o.label);
    }
  }

  private static final class Summary {
    final AtomicLong count = new AtomicLong();
    final DoubleAdder sum = new DoubleAdder();
    volatile double max;

    synchronized void observe(double v) {
      count.incrementAndGet();
      sum.add(v);
      if (v > max) {
        max = v;
      }
    }
  }

  private final Map<Key, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

  /** Adds 1 to counter {@code name} with label value {@code label} (empty for none). */
  public void inc(String name, String labelName, String label) {
    counters
        .computeIfAbsent(
            new Key(name, label.isEmpty() ? "" : labelName + "=\"" + label + "\""),
            k -> new AtomicLong())
        .incrementAndGet();
  }

  public void inc(String name) {
    inc(name, "", "");
  }

  public void add(String name, long n) {
    counters.computeIfAbsent(new Key(name, ""), k -> new AtomicLong()).addAndGet(n);
  }

  public long counter(String name) {
    AtomicLong v = counters.get(new Key(name, ""));
    return v == null ? 0 : v.get();
  }

  public void gauge(String name, String description, LongSupplier value) {
    gauges.put(name, value);
    help.put(name, description);
  }

  public void observe(String name, double value) {
    summaries.computeIfAbsent(name, k -> new Summary()).observe(value);
  }

  public void describe(String name, String description) {
    help.put(name, description);
  }

  /** The exposition text. */
  public String scrape() {
    StringBuilder sb = new StringBuilder();
    Map<Key, AtomicLong> sorted = new TreeMap<>(counters);
    String last = null;
    for (var e : sorted.entrySet()) {
      String name = e.getKey().name();
      if (!name.equals(last)) {
        header(sb, name, "counter");
        last = name;
      }
      sb.append(name);
      if (!e.getKey().label().isEmpty()) {
        sb.append('{').append(e.getKey().label()).append('}');
      }
      sb.append(' ').append(e.getValue().get()).append('\n');
    }
    for (var e : new TreeMap<>(gauges).entrySet()) {
      header(sb, e.getKey(), "gauge");
      sb.append(e.getKey()).append(' ').append(e.getValue().getAsLong()).append('\n');
    }
    for (var e : new TreeMap<>(summaries).entrySet()) {
      header(sb, e.getKey(), "summary");
      Summary s = e.getValue();
      sb.append(e.getKey()).append("_count ").append(s.count.get()).append('\n');
      sb.append(e.getKey()).append("_sum ").append(s.sum.sum()).append('\n');
      sb.append(e.getKey()).append("_max ").append(s.max).append('\n');
    }
    return sb.toString();
  }

  private void header(StringBuilder sb, String name, String type) {
    String h = help.get(name);
    if (h != null) {
      sb.append("# HELP ").append(name).append(' ').append(h).append('\n');
    }
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }
}

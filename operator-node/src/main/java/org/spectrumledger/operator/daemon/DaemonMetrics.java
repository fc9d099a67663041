package org.spectrumledger.operator.daemon;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The operator daemon's metrics, kept and served by the Prometheus Java client (the library the
 * broker's metrics use): intervals run, profit beside the static counterfactual, SRU bought and
 * sold, what the daemon did by kind ({@code operator_events_total{what=…}}), and the time each
 * interval's work took as a histogram. Everything but the histogram is read from the daemon when
 * scraped. {@link #serve} exposes {@code /metrics} on 127.0.0.1 only.
 */
public final class DaemonMetrics implements AutoCloseable {

  /** One interval reads the chain and talks to the broker: milliseconds to seconds. */
  private static final double[] INTERVAL_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram intervalSeconds;
  private HTTPServer server;

  /**
   * @param intervals intervals run so far
   * @param book the daemon's profit book
   * @param events counts of what the daemon did, by kind
   */
  public DaemonMetrics(
      LongSupplier intervals, ProfitBook book, Supplier<Map<String, Long>> events) {
    CounterWithCallback.builder()
        .name("operator_intervals_total")
        .help("intervals run")
        .callback(cb -> cb.call(intervals.getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("operator_profit_tokens")
        .help("profit booked so far (tokens)")
        .callback(cb -> cb.call(book.profit()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("operator_static_profit_tokens")
        .help("profit of holding the licence without trading (tokens)")
        .callback(cb -> cb.call(book.staticProfit()))
        .register(registry);
    CounterWithCallback.builder()
        .name("operator_sru_bought_total")
        .help("SRU bought and settled")
        .callback(cb -> cb.call(book.boughtSru()))
        .register(registry);
    CounterWithCallback.builder()
        .name("operator_sru_sold_total")
        .help("SRU sold and settled")
        .callback(cb -> cb.call(book.soldSru()))
        .register(registry);
    CounterWithCallback.builder()
        .name("operator_events_total")
        .help("what the daemon did: orders sent, refused, filled; intervals skipped and why")
        .labelNames("what")
        .callback(
            cb -> {
              for (Map.Entry<String, Long> e : events.get().entrySet()) {
                cb.call(e.getValue(), e.getKey());
              }
            })
        .register(registry);
    this.intervalSeconds =
        Histogram.builder()
            .name("operator_interval_seconds")
            .help("time of one interval's work: sense, decide, send the order, book fills")
            .classicUpperBounds(INTERVAL_BUCKETS)
            .classicOnly()
            .register(registry);
  }

  /** The metrics of {@code daemon}. */
  public static DaemonMetrics of(OperatorDaemon daemon) {
    return new DaemonMetrics(daemon::steps, daemon.book(), daemon::counters);
  }

  /** Records how long one interval's work took. */
  public void intervalTook(long nanos) {
    intervalSeconds.observe(nanos / 1e9);
  }

  /**
   * Serves {@code /metrics} on 127.0.0.1:{@code port} (0: any free port) until {@link #close}.
   *
   * @return the port it listens on
   */
  public int serve(int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already serving on port " + server.getPort());
    }
    server =
        HTTPServer.builder().hostname("127.0.0.1").port(port).registry(registry).buildAndStart();
    return server.getPort();
  }

  /** Stops serving, if it was. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}

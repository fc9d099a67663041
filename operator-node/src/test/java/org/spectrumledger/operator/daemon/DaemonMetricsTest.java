package org.spectrumledger.operator.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DaemonMetricsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheDaemonsCountersProfitAndIntervalHistogramOnLoopback() throws Exception {
    AtomicLong intervals = new AtomicLong(3);
    ProfitBook book = new ProfitBook(24, 3, 0.25);
    book.serve(20, 24);
    book.trade(2, 1.5);
    book.trade(-1, 0.75);
    Map<String, Long> events = new ConcurrentSkipListMap<>();
    events.put("orders sent", 2L);
    events.put("orders refused: \"expired\"", 1L);

    try (DaemonMetrics metrics = new DaemonMetrics(intervals::get, book, () -> events)) {
      metrics.intervalTook(30_000_000);
      int port = metrics.serve(0);
      HttpResponse<String> r = get(port);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
      assertThat(r.body().lines())
          .contains(
              "# TYPE operator_intervals_total counter",
              "operator_intervals_total 3.0",
              "operator_profit_tokens 58.5",
              "operator_static_profit_tokens 60.0",
              "operator_sru_bought_total 2.0",
              "operator_sru_sold_total 1.0",
              "operator_events_total{what=\"orders sent\"} 2.0",
              "operator_events_total{what=\"orders refused: \\\"expired\\\"\"} 1.0",
              "# TYPE operator_interval_seconds histogram",
              "operator_interval_seconds_bucket{le=\"0.025\"} 0",
              "operator_interval_seconds_bucket{le=\"0.05\"} 1",
              "operator_interval_seconds_count 1");

      intervals.set(4);
      events.merge("orders sent", 1L, Long::sum);
      assertThat(get(port).body().lines())
          .as("read from the daemon at each scrape")
          .contains(
              "operator_intervals_total 4.0", "operator_events_total{what=\"orders sent\"} 3.0");

      assertThatThrownBy(() -> metrics.serve(0)).isInstanceOf(IllegalStateException.class);
      metrics.close();
      assertThatThrownBy(() -> get(port)).isInstanceOf(IOException.class);
    }
  }
}

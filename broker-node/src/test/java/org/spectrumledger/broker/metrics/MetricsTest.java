package org.spectrumledger.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void countersKeepTheirNamesAndSumOverTheirLabel() {
    Metrics m = new Metrics();
    m.describe("broker_orders_accepted_total", "orders accepted into the books");
    m.inc("broker_orders_accepted_total");
    m.inc("broker_orders_accepted_total");
    m.add("broker_trades_settled_total", 5);
    m.inc("broker_orders_rejected_total", "reason", "expired");
    m.inc("broker_orders_rejected_total", "reason", "expired");
    m.inc("broker_orders_rejected_total", "reason", "bad-signature");

    assertThat(m.counter("broker_orders_accepted_total")).isEqualTo(2);
    assertThat(m.counter("broker_trades_settled_total")).isEqualTo(5);
    assertThat(m.counter("broker_orders_rejected_total")).isEqualTo(3);
    assertThat(m.counter("broker_never_used_total")).isZero();

    String text = m.scrape();
    assertThat(text)
        .contains("# HELP broker_orders_accepted_total orders accepted into the books\n")
        .contains("# TYPE broker_orders_accepted_total counter\n");
    assertThat(PrometheusText.parse(text))
        .containsEntry("broker_orders_accepted_total", 2.0)
        .containsEntry("broker_trades_settled_total", 5.0)
        .containsEntry("broker_orders_rejected_total{reason=\"expired\"}", 2.0)
        .containsEntry("broker_orders_rejected_total{reason=\"bad-signature\"}", 1.0);
  }

  @Test
  void aCounterKeepsTheLabelItWasFirstUsedWith() {
    Metrics m = new Metrics();
    m.inc("broker_batches_refused_total", "error", "ExchangeBatchAlreadySettled");
    assertThatThrownBy(() -> m.inc("broker_batches_refused_total"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has label 'error'");
  }

  @Test
  void gasIsAHistogramWithBucketsFromTwoToTwoHundredFiftySixFills() {
    Metrics m = new Metrics();
    m.observe("broker_batch_gas", 150_000);
    m.observe("broker_batch_gas", 3_000_000);
    m.observe("broker_batch_gas", 11_000_000);
    m.observe("broker_batch_gas", 40_000_000);

    Map<String, Double> s = PrometheusText.parse(m.scrape());
    assertThat(s)
        .containsEntry("broker_batch_gas_bucket{le=\"100000.0\"}", 0.0)
        .containsEntry("broker_batch_gas_bucket{le=\"200000.0\"}", 1.0)
        .containsEntry("broker_batch_gas_bucket{le=\"4000000.0\"}", 2.0)
        .containsEntry("broker_batch_gas_bucket{le=\"1.2E7\"}", 3.0)
        .containsEntry("broker_batch_gas_bucket{le=\"3.0E7\"}", 3.0)
        .containsEntry("broker_batch_gas_bucket{le=\"+Inf\"}", 4.0)
        .containsEntry("broker_batch_gas_count", 4.0)
        .containsEntry("broker_batch_gas_sum", 54_150_000.0);
    assertThat(m.scrape()).contains("# TYPE broker_batch_gas histogram\n");
  }

  @Test
  void latenciesAreHistogramsInSecondsWithTheirOwnBuckets() {
    Metrics m = new Metrics();
    m.observe("broker_settlement_latency_seconds", 1.5);
    m.observe("broker_settlement_latency_seconds", 2.5);
    m.observe("broker_clearing_seconds", 0.0003);
    m.observe("broker_intake_seconds", 0.004);

    Map<String, Double> s = PrometheusText.parse(m.scrape());
    assertThat(s)
        .containsEntry("broker_settlement_latency_seconds_bucket{le=\"1.0\"}", 0.0)
        .containsEntry("broker_settlement_latency_seconds_bucket{le=\"2.0\"}", 1.0)
        .containsEntry("broker_settlement_latency_seconds_bucket{le=\"3.0\"}", 2.0)
        .containsEntry("broker_settlement_latency_seconds_count", 2.0)
        .containsEntry("broker_settlement_latency_seconds_sum", 4.0)
        .containsEntry("broker_clearing_seconds_bucket{le=\"2.5E-4\"}", 0.0)
        .containsEntry("broker_clearing_seconds_bucket{le=\"5.0E-4\"}", 1.0)
        .containsEntry("broker_intake_seconds_bucket{le=\"0.0025\"}", 0.0)
        .containsEntry("broker_intake_seconds_bucket{le=\"0.005\"}", 1.0);
    assertThat(m.value("broker_settlement_latency_seconds_count")).isEqualTo(2.0);
    assertThat(m.value("broker_settlement_latency_seconds_sum")).isEqualTo(4.0);
  }

  @Test
  void anUnlistedHistogramGetsTheClientsDefaultLatencyBuckets() {
    Metrics m = new Metrics();
    m.observe("broker_something_seconds", 0.2);
    assertThat(PrometheusText.parse(m.scrape()))
        .containsEntry("broker_something_seconds_bucket{le=\"0.1\"}", 0.0)
        .containsEntry("broker_something_seconds_bucket{le=\"0.25\"}", 1.0)
        .containsEntry("broker_something_seconds_bucket{le=\"10.0\"}", 1.0);
  }

  @Test
  void gaugesAreReadWhenScrapedAndRunningTotalsAreCounters() {
    Metrics m = new Metrics();
    AtomicLong open = new AtomicLong(7);
    m.gauge("broker_open_orders", "orders in the books", open::get);
    m.gauge("broker_order_commits_total", "group commits of accepted orders", () -> 12);
    open.set(9);

    String text = m.scrape();
    assertThat(text)
        .contains("# TYPE broker_open_orders gauge\n")
        .contains("# TYPE broker_order_commits_total counter\n");
    assertThat(m.value("broker_open_orders")).isEqualTo(9.0);
    assertThat(m.value("broker_order_commits_total")).isEqualTo(12.0);

    m.gauge("broker_open_orders", "orders in the books", () -> 1);
    assertThat(m.value("broker_open_orders")).as("registered again: replaced").isEqualTo(1.0);
  }

  @Test
  void anAbsentSeriesReadsZero() {
    assertThat(new Metrics().value("broker_batch_gas_count")).isZero();
  }
}

package org.spectrumledger.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsSeriesWithLabelsTimestampsAndSpecialValues() {
    String text =
        """
        # HELP operator_events_total what the daemon did
        # TYPE operator_events_total counter
        operator_events_total{what="orders refused: a } in \\"quotes\\""} 2.0
        operator_events_total{what="orders sent"} 14 1700000000000

        up 1
        h_bucket{le="+Inf"} +Inf
        g NaN
        n -Inf
        """;
    var s = PrometheusText.parse(text);
    assertThat(s)
        .containsEntry("operator_events_total{what=\"orders refused: a } in \\\"quotes\\\"\"}", 2.0)
        .containsEntry("operator_events_total{what=\"orders sent\"}", 14.0)
        .containsEntry("up", 1.0)
        .containsEntry("h_bucket{le=\"+Inf\"}", Double.POSITIVE_INFINITY)
        .containsEntry("n", Double.NEGATIVE_INFINITY)
        .hasSize(6);
    assertThat(s.get("g")).isNaN();
  }

  @Test
  void refusesLinesThatAreNotSamples() {
    assertThatThrownBy(() -> PrometheusText.parse("lonely_name\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no value");
    assertThatThrownBy(() -> PrometheusText.parse("x{a=\"b\" 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated labels");
    assertThatThrownBy(() -> PrometheusText.parse("x one\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a number");
  }
}

package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingCommandTest {

  @Test
  void equilibriumJsonGivesPricesProfitsAndTheChecks() throws Exception {
    Cli.Run run = Cli.operator("pricing", "equilibrium", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("coefficients").asText()).isEqualTo("DERIVED");
    assertThat(root.get("providers").toString()).isEqualTo("[\"G\",\"U\",\"H\"]");
    JsonNode price = root.get("price");
    assertThat(price).hasSize(3);
    int areas = price.get(0).size();
    assertThat(areas).isPositive();
    for (JsonNode provider : price) {
      assertThat(provider).hasSize(areas);
      for (JsonNode p : provider) {
        // null where a provider does not serve the area, never NaN (not valid JSON)
        assertThat(p.isNull() || p.asDouble() > 0).isTrue();
      }
    }
    assertThat(root.get("totalProfit")).hasSize(3);
    assertThat(root.get("totalProfitByUserScale")).hasSize(root.get("userScales").size());
    JsonNode checks = root.get("checks");
    assertThat(checks).hasSize(5);
    checks.forEach(c -> assertThat(c.isBoolean()).isTrue());
    assertThat(checks.get("no profitable unilateral deviation").asBoolean()).isTrue();
    assertThat(root.get("maxDeviationGain").asDouble()).isLessThan(1e-6);
  }

  @Test
  void equilibriumTableListsAreasProfitsAndChecksAndPlotsTwoCharts(@TempDir Path tmp) {
    Path charts = tmp.resolve("charts");

    Cli.Run run =
        Cli.operator(
            "pricing", "equilibrium", "--coefficients", "PRINTED", "--plot", charts.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Nash equilibrium, PRINTED cross-price coefficients")
        .contains("P_G", "profit H", "x2.0", "check", "holds")
        .containsPattern("(?m)^no profitable unilateral deviation +(yes|NO)$");
    assertThat(Cli.isPng(charts.resolve("pricing-equilibrium-printed.png"))).isTrue();
    assertThat(Cli.isPng(charts.resolve("pricing-profit-by-users-printed.png"))).isTrue();
  }
}

package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.operator.forecast.ForecastModels;

class ForecastCommandTest {

  @TempDir Path tmp;

  @Test
  void evalPrintsEveryModelUnderBothProtocolsAndTheBestModel() {
    Path data = Cli.series(tmp, "hourly.csv", 12, 60);

    Cli.Run run = Cli.operator("forecast", "eval", "--data", data.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("hourly.csv: 288 samples every 1h, season 24")
        .contains("protocol one-step (H = 1), scored by RMSE")
        .contains("protocol horizon (H = 24, stride 1), scored by MASE");
    for (String model : ForecastModels.NAMES) {
      assertThat(run.out()).contains(model);
    }
    assertThat(run.out().lines().filter(l -> l.startsWith("best model: ")).count()).isEqualTo(2);
    // the progress bar goes to the error stream, never into the table
    assertThat(run.err()).contains("forecast eval: 100%");
    assertThat(run.out()).doesNotContain("%)");
  }

  @Test
  void evalJsonHasTheIssuesShapeAndConsistentRatios() throws Exception {
    Path data = Cli.series(tmp, "hourly.csv", 12, 60);

    Cli.Run run = Cli.operator("forecast", "eval", "--data", data.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("interval").asText()).isEqualTo("1h");
    assertThat(root.get("season").asInt()).isEqualTo(24);
    JsonNode protocols = root.get("protocols");
    assertThat(protocols).hasSize(2);
    List<String> seen = new ArrayList<>();
    for (JsonNode p : protocols) {
      seen.add(p.get("protocol").asText() + "/" + p.get("horizon").asInt() + "/" + p.get("metric"));
      String metric = p.get("metric").asText();
      JsonNode models = p.get("models");
      assertThat(models).hasSize(ForecastModels.NAMES.size());
      double bestBaseline = Double.POSITIVE_INFINITY;
      for (JsonNode m : models) {
        for (String field : List.of("mae", "rmse", "smape", "mase", "ratio")) {
          assertThat(m.get(field).isNumber()).as(field + " of " + m.get("name")).isTrue();
        }
        assertThat(m.get("name").isTextual()).isTrue();
        assertThat(m.get("baseline").isBoolean()).isTrue();
        if (m.get("baseline").asBoolean()) {
          bestBaseline = Math.min(bestBaseline, m.get(metric).asDouble());
        }
      }
      for (JsonNode m : models) {
        assertThat(m.get("ratio").asDouble())
            .as("ratio of " + m.get("name"))
            .isCloseTo(m.get(metric).asDouble() / bestBaseline, within(1e-12));
      }
    }
    assertThat(seen).containsExactly("one-step/1/\"rmse\"", "horizon/24/\"mase\"");
  }

  @Test
  void perMinuteDataUsesAnHourlyHorizonAndADailySeason() throws Exception {
    Path data = Cli.series(tmp, "minutes.csv", 5, 1);

    Cli.Run run =
        Cli.operator(
            "forecast",
            "eval",
            "--data",
            data.toString(),
            "--models",
            "persistence,moving-average,lag-regression",
            "--stride",
            "10",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.get("interval").asText()).isEqualTo("1m");
    assertThat(root.get("season").asInt()).isEqualTo(1440);
    assertThat(root.get("protocols").get(1).get("horizon").asInt()).isEqualTo(60);
    assertThat(root.get("protocols").get(1).get("models")).hasSize(3);
  }

  @Test
  void plotWritesTheForecastChart() {
    Path data = Cli.series(tmp, "hourly.csv", 12, 60);
    Path charts = tmp.resolve("charts");

    Cli.Run run =
        Cli.operator(
            "forecast",
            "eval",
            "--data",
            data.toString(),
            "--models",
            "persistence,lag-regression",
            "--plot",
            charts.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Cli.isPng(charts.resolve("forecast-hourly.png"))).isTrue();
  }

  @Test
  void synthWritesTheCommittedSyntheticSeries() throws Exception {
    Path out = tmp.resolve("synthetic.csv");

    Cli.Run run = Cli.operator("forecast", "synth", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(java.nio.file.Files.readString(out))
        .isEqualTo(
            new String(
                getClass().getResourceAsStream("/synthetic-cellular-hourly.csv").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}

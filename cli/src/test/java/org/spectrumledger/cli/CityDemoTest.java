package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --city} at a small size: every minute's markets trade and settle before the chain's
 * clock moves on, and the report carries the figures the issue names.
 */
class CityDemoTest {

  private static final Path DATA = Path.of("..", "data", "nist-prosas");

  @Test
  void aSmallCityTradesEveryMinuteAndSettlesEverything(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("city.json");
    CliRunner r =
        CliRunner.run(
            "demo",
            "--city",
            "--minutes",
            "4",
            "--cells",
            "12",
            "--operators",
            "10",
            "--report",
            report.toString(),
            "--data=" + DATA);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.toString()).contains("trades per second", "largest auction settled");
    JsonNode j = new ObjectMapper().readTree(report.toFile());
    assertThat(j.get("markets").asLong()).isEqualTo(48);
    assertThat(j.get("ordersAccepted").asLong()).isEqualTo(j.get("ordersSent").asLong());
    assertThat(j.get("tradesSettled").asLong()).as("%s", j).isPositive();
    assertThat(j.get("unsettled").asLong()).isZero();
    assertThat(j.get("tradesPerSecond").asDouble()).isPositive();
    assertThat(j.get("gasPerTrade").asLong()).isBetween(20_000L, 200_000L);
    assertThat(j.get("orderToSettlementMs").get("p99").asDouble())
        .isGreaterThanOrEqualTo(j.get("orderToSettlementMs").get("p50").asDouble());
    assertThat(j.get("largestAuction").get("fills").asLong()).isPositive();
  }

  @Test
  void theCityRefusesOptionsOfTheOtherDemo() {
    CliRunner r = CliRunner.run("demo", "--city", "--near-rt", "--minutes", "2", "--data=" + DATA);
    r.assertFailedCleanly(2, "--city runs on its own");
  }
}

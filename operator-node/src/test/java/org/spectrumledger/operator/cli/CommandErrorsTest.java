package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the analysis commands is a clear one-line message naming what is wrong and exit code
 * 2: the commands throw {@link IllegalArgumentException} (never a parse or I/O exception of their
 * own), which the launcher maps to 2 without a stack trace.
 */
class CommandErrorsTest {

  @TempDir Path tmp;

  private static void assertUsageError(Cli.Run run, String... fragments) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    String error = run.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    assertThat(error).as(run.err()).contains(fragments);
    assertThat(run.err()).doesNotContain("\tat ", "Exception");
  }

  @Test
  void missingDataFileIsNamed() {
    Path missing = tmp.resolve("nope.tsv");
    assertUsageError(
        Cli.operator("forecast", "eval", "--data", missing.toString()), "no such file: " + missing);
    assertUsageError(
        Cli.operator("agent", "eval", "--data", missing.toString(), "--granularity", "1h"),
        "no such file: " + missing);
  }

  @Test
  void malformedRowIsNamedWithItsFileAndLine() throws Exception {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(
        bad,
        "timestamp,sru\n2023-03-01T00:00,20\n2023-03-01T01:00,21\n2023-03-01T02:00,2l.5\n"
            + "2023-03-01T03:00,22\n");

    assertUsageError(
        Cli.operator("forecast", "eval", "--data", bad.toString()),
        "bad.csv:4: ",
        "cannot read the value '2l.5'");
    assertUsageError(
        Cli.operator("agent", "train", "--data", bad.toString(), "--granularity", "1h"),
        "bad.csv:4: ");
  }

  @Test
  void unknownGranularityIsRefused() {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    assertUsageError(
        Cli.operator("agent", "train", "--data", data.toString(), "--granularity", "5m"),
        "--granularity must be 1h or 1m, got '5m'");
  }

  @Test
  void granularityThatDoesNotMatchTheDataIsRefused() {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    assertUsageError(
        Cli.operator("agent", "eval", "--data", data.toString(), "--granularity", "1m"),
        "hourly.csv is sampled every 1h, not 1m");
  }

  @Test
  void tooShortASeriesForTheTrainingDaysSaysHowMuchIsNeeded() {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    assertUsageError(
        Cli.operator("agent", "eval", "--data", data.toString(), "--granularity", "1h"),
        "too little data: 192 samples; 15.0 days of training need 360");
  }

  @Test
  void unknownForecasterAndMissingModelFileAreNamed() {
    Path data = Cli.series(tmp, "hourly.csv", 8, 60);
    assertUsageError(
        Cli.operator(
            "agent",
            "eval",
            "--data",
            data.toString(),
            "--granularity",
            "1h",
            "--forecaster",
            "chronos"),
        "unknown forecaster 'chronos'");
    assertUsageError(
        Cli.operator(
            "forecast", "eval", "--data", data.toString(), "--models", "persistence,prophet"),
        "unknown forecaster 'prophet'");
    Path model = tmp.resolve("missing-agent.json");
    assertUsageError(
        Cli.operator(
            "agent",
            "eval",
            "--data",
            data.toString(),
            "--granularity",
            "1h",
            "--train-days",
            "5",
            "--episodes",
            "1",
            "--seeds",
            "1",
            "--model",
            model.toString()),
        "no such agent file: " + model);
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    Cli.Run run = Cli.operator("agent", "eval", "--granularity", "1h");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--data=FILE'");
  }
}

package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The ISSS commands as the {@code ./spectrum} launcher runs them. */
class IsssCommandsTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int spectrum(String... args) {
    return SpectrumCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void benchIsssIsRegistered() {
    assertThat(spectrum("bench", "--help")).isZero();
    assertThat(out.toString()).contains("isss");
  }

  @Test
  void simulateRunsUnderTheOperatorCommand() {
    int exit =
        spectrum(
            "operator",
            "isss",
            "simulate",
            "--p-busy",
            "0.4",
            "--nodes",
            "10",
            "--intervals",
            "500");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("P_busy = 0.40").contains("ISSS G_I");
  }

  @Test
  void aBadLoadIsAOneLineErrorWithExitCodeTwo() {
    assertThat(spectrum("operator", "isss", "simulate", "--p-busy", "0")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("error: --p-busy must lie strictly between 0 and 1: 0.0");
  }

  @Test
  void aBadModeIsAUsageErrorWithExitCodeTwo() {
    assertThat(spectrum("operator", "isss", "simulate", "--p-busy", "0.4", "--mode", "x"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mode must be all or dedicated");
  }
}

package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code spectrum …} in-process and keeps what it printed. */
record CliRunner(int exitCode, String out, String err) {

  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpectrumCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRunner(code, out.toString(), err.toString());
  }

  /** Asserts a failure with this exit code and message, and no stack trace. */
  void assertFailedCleanly(int code, String message) {
    assertThat(exitCode).as(toString()).isEqualTo(code);
    assertThat(err).as(toString()).contains(message);
    assertThat(out + err)
        .as("no stack trace")
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}

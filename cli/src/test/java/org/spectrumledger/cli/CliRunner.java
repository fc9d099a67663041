package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.devchain.DevLedger;

/** Runs {@code spectrum …} in-process and keeps what it printed. */
record CliRunner(int exitCode, String out, String err) {

  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SpectrumCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRunner(code, out.toString(), err.toString());
  }

  /**
   * A broker for a command-line test: on a free port, free gas, its store under {@code home}, and
   * epochs short enough that an order placed by a command clears within the test.
   */
  static BrokerConfig testBroker(String rpcUrl, DevLedger ledger, Path home) {
    return BrokerConfig.defaults(
            rpcUrl, ledger.deployment(), ledger.brokerKey(), BrokerStore.defaultUrl(home))
        .withPort(0)
        .withFees(GasFees.free())
        .withEpochs(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200));
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

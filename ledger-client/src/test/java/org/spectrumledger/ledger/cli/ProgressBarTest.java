package org.spectrumledger.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Off a terminal the bar prints each tenth once, 100 % included. */
class ProgressBarTest {

  @Test
  void printsOneHundredPercentOnceWhenClosedAfterTheLastStep() {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = new ProgressBar(new PrintWriter(err, true), "demo", 20)) {
      for (int i = 0; i < 20; i++) {
        bar.step(1);
      }
    }
    assertThat(err.toString().split("demo: 100%", -1)).hasSize(2);
    assertThat(err.toString().lines().count()).isEqualTo(11);
  }

  @Test
  void closingEarlyStillEndsAtOneHundredPercent() {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = new ProgressBar(new PrintWriter(err, true), "demo", 20)) {
      bar.step(3);
    }
    assertThat(err.toString()).contains("demo: 15%").contains("demo: 100%");
  }
}

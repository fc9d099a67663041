package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IsssBenchTest {

  @Test
  void printsTheThreeFiguresAndASummaryLine() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new IsssBench());
    cli.setOut(new PrintWriter(out, true));

    int exit =
        cli.execute("--intervals", "200", "--runs", "1", "--sizes", "10,40", "--budget-ms", "20");

    assertThat(exit).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("One controller decision")
        .contains("Full sweep: 3 regimes x 12 values of E x 200 intervals")
        .contains("Decision time as |U|·|B| grows")
        .contains("log-log slope");
    String last = text.lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).startsWith("isss: decision 10x10 ").contains("sweep 3x12x200");
  }
}

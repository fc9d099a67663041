package org.spectrumledger.broker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import picocli.CommandLine;

/**
 * {@code bench settlement --orders-per-side}: one auction larger than a batch, cleared at once and
 * settled in parts on a chain with the Besu genesis's block gas limit, measured from the blocks.
 */
@ExtendWith(DevChainExtension.class)
class SettlementBenchTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new SettlementBench());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void oneAuctionSettlesInPartsAndEndsWithItsRateAndTheBlockGasShare() {
    int code = run("--orders-per-side", "300", "--makers", "3");
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("600 fills in 3 parts at one price");
    Matcher rate = Pattern.compile("(?m)^settled trades per second: (\\d+)$").matcher(text);
    Matcher share = Pattern.compile("(?m)^block gas used share: (\\d\\.\\d\\d)$").matcher(text);
    assertThat(rate.find()).as(text).isTrue();
    assertThat(share.find()).as(text).isTrue();
    assertThat(Long.parseLong(rate.group(1))).isPositive();
    assertThat(Double.parseDouble(share.group(1))).isGreaterThan(0).isLessThanOrEqualTo(1);
    // one block here (600 fills): nothing after the first to measure
    assertThat(text).contains("block gas used share after the first block: n/a");
  }

  @Test
  void aShortFlowEndsWithItsRateItsReceiptLatencyAndItsSettlementInBlockPeriods() {
    int code = run("--seconds", "2", "--rate", "40", "--markets", "2", "--receipts", "10");
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    Matcher rate = Pattern.compile("(?m)^settled trades per second: (\\d+)$").matcher(text);
    assertThat(rate.find()).as(text).isTrue();
    assertThat(Long.parseLong(rate.group(1))).isPositive();
    assertThat(text)
        .containsPattern("(?m)^near-RT receipt p99 ms: \\d+\\.\\d\\d$")
        .containsPattern("(?m)^order to settlement median block periods: \\d+\\.\\d\\d$");
  }

  @Test
  void refusesANegativeAuction() {
    assertThat(run("--orders-per-side", "-5")).isEqualTo(2);
    assertThat(err.toString()).contains("positive");
  }
}

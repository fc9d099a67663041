package org.spectrumledger.broker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.matching.MatchInput;
import picocli.CommandLine;

class MatchingBenchTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new MatchingBench());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void printsATableOfEverySizeAndEndsWithTheLargestSizesMedian() {
    int code = run("--sizes", "200,400", "--repetitions", "3", "--warmup", "1", "--warmup-ms", "0");
    assertThat(code).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text).contains("median ms", "p10 ms", "p90 ms", "valid, = reference");
    assertThat(text.lines().filter(l -> l.matches("\\s*(200|400)\\s.*"))).hasSize(2);
    assertThat(text.strip().lines().reduce((a, b) -> b).orElseThrow())
        .matches("clear 400 orders: \\d+\\.\\d{3} ms");
  }

  @Test
  void refusesNonPositiveSizes() {
    assertThat(run("--sizes", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("positive");
  }

  @Test
  void theSameSeedGivesTheSameBook() {
    MatchInput a = RandomBooks.generate(BookShape.market(300), 5);
    MatchInput b = RandomBooks.generate(BookShape.market(300), 5);
    MatchInput c = RandomBooks.generate(BookShape.market(300), 6);
    assertThat(a.orders()).isEqualTo(b.orders());
    assertThat(a.orders()).isNotEqualTo(c.orders());
  }

  @Test
  void percentilesTakeTheNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    assertThat(MatchingBench.percentile(sorted, 0.5)).isEqualTo(6);
    assertThat(MatchingBench.percentile(sorted, 0.1)).isEqualTo(2);
    assertThat(MatchingBench.percentile(sorted, 0.9)).isEqualTo(10);
  }
}

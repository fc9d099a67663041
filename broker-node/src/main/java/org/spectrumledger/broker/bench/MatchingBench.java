package org.spectrumledger.broker.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectrumledger.broker.matching.MatchInput;
import org.spectrumledger.broker.matching.MatchResult;
import org.spectrumledger.broker.matching.MatchValidation;
import org.spectrumledger.broker.matching.MatchValidator;
import org.spectrumledger.broker.matching.ReferenceMatcher;
import org.spectrumledger.broker.matching.UniformPriceMatcher;
import org.spectrumledger.ledger.cli.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Clearing time of one market: the fast matcher on random books of 1k, 10k and 100k orders (see
 * {@link BookShape#market}), on the calling thread, after warm-up runs that let the JIT compile it.
 * Each result is checked with {@link MatchValidator}, and the small books against the {@link
 * ReferenceMatcher}, outside the timed region; a failed check exits with 1.
 */
@Command(
    name = "matching",
    mixinStandardHelpOptions = true,
    description =
        "Clearing time of one market's uniform-price auction on random books, on one thread.")
public final class MatchingBench implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "1000,10000,100000",
      description = "orders per market, comma separated (default ${DEFAULT-VALUE})")
  int[] sizes;

  @Option(
      names = "--repetitions",
      defaultValue = "31",
      description = "timed clearings per size (default ${DEFAULT-VALUE})")
  int repetitions;

  @Option(
      names = "--warmup",
      defaultValue = "15",
      description = "untimed clearings per size before timing, at least (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--warmup-ms",
      defaultValue = "300",
      description =
          "keep warming up each size until this many milliseconds have passed (default"
              + " ${DEFAULT-VALUE})")
  long warmupMillis;

  @Option(
      names = "--seed",
      defaultValue = "20240601",
      description = "seed of the random books (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--reference-up-to",
      defaultValue = "1000",
      description =
          "compare with the reference matcher for books up to this size (default ${DEFAULT-VALUE})")
  int referenceUpTo;

  /** One size's figures; times in milliseconds. */
  public record Row(
      int orders,
      int fills,
      long price,
      long volume,
      int excluded,
      double median,
      double p10,
      double p90,
      double min,
      double max,
      String check) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (sizes.length == 0 || repetitions <= 0 || warmup < 0 || warmupMillis < 0) {
      spec.commandLine()
          .getErr()
          .println("error: --sizes must list sizes, --repetitions be positive, --warmup(-ms) >= 0");
      return 2;
    }
    for (int size : sizes) {
      if (size <= 0) {
        spec.commandLine().getErr().println("error: sizes must be positive: " + size);
        return 2;
      }
    }
    List<Row> rows = new ArrayList<>();
    boolean ok = true;
    for (int size : sizes) {
      Row row = measure(size);
      rows.add(row);
      ok &= row.check().startsWith("valid");
    }
    TextTable table =
        new TextTable(
            "orders",
            "fills",
            "price",
            "volume (milli-SRU)",
            "AON excluded",
            "median ms",
            "p10 ms",
            "p90 ms",
            "min ms",
            "max ms",
            "check");
    for (Row r : rows) {
      table.row(
          r.orders(),
          r.fills(),
          r.price(),
          r.volume(),
          r.excluded(),
          ms(r.median()),
          ms(r.p10()),
          ms(r.p90()),
          ms(r.min()),
          ms(r.max()),
          r.check());
    }
    out.printf(
        Locale.ROOT,
        "uniform-price auction, one thread, %d timed runs after >= %d warm-up runs and >= %d ms,"
            + " seed %d%n%n",
        repetitions,
        warmup,
        warmupMillis,
        seed);
    out.print(table);
    Row last = rows.get(rows.size() - 1);
    out.println();
    out.println("clear " + last.orders() + " orders: " + ms(last.median()) + " ms");
    out.flush();
    return ok ? 0 : 1;
  }

  private Row measure(int size) {
    MatchInput input = RandomBooks.generate(BookShape.market(size), seed);
    UniformPriceMatcher matcher = new UniformPriceMatcher();
    MatchResult result = null;
    long warmUntil = System.nanoTime() + warmupMillis * 1_000_000;
    for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) {
      result = matcher.clear(input);
    }
    double[] times = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      result = matcher.clear(input);
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    MatchValidation validation = MatchValidator.validate(input, result);
    String check;
    if (!validation.isValid()) {
      check = "INVALID: " + validation.violations().get(0).message();
    } else if (size <= referenceUpTo) {
      check =
          new ReferenceMatcher().clear(input).equals(result)
              ? "valid, = reference"
              : "DIFFERS from reference";
    } else {
      check = "valid";
    }
    return new Row(
        size,
        result.fillCount(),
        result.price(),
        result.volume(),
        result.excludedAllOrNone().length,
        percentile(times, 0.5),
        percentile(times, 0.1),
        percentile(times, 0.9),
        times[0],
        times[times.length - 1],
        check);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}

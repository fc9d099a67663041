package org.spectrumledger.operator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Runs {@code spectrum operator …} in process, mapping failures as the {@code spectrum} launcher's
 * exit-code mapper does (cli module): bad usage or input ({@link IllegalArgumentException}, {@link
 * UncheckedIOException}) is one {@code error: …} line and exit code 2, anything else exit code 1,
 * never a stack trace. A command that fails any other way than those two exceptions shows up as
 * exit code 1 in the tests.
 */
final class Cli {

  /** What a run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private Cli() {}

  static Run operator(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OperatorCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("error: " + e.getMessage());
          return e instanceof IllegalArgumentException || e instanceof UncheckedIOException ? 2 : 1;
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          return 2;
        });
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Writes {@code days} of a small demand series as CSV: a daily cycle around the 24-SRU licence
   * (±4 SRU) with a deterministic wobble, every {@code intervalMinutes}.
   */
  static Path series(Path dir, String name, int days, int intervalMinutes) {
    StringBuilder sb = new StringBuilder("timestamp,sru\n");
    int perDay = 1440 / intervalMinutes;
    for (int k = 0; k < days * perDay; k++) {
      int minutes = k * intervalMinutes;
      double hour = minutes / 60.0;
      double v = 24 + 4 * Math.sin(2 * Math.PI * hour / 24) + 0.7 * Math.sin(k * 1.7);
      sb.append(
          String.format(
              Locale.ROOT,
              "2023-03-%02dT%02d:%02d,%.3f%n",
              1 + minutes / 1440,
              (minutes / 60) % 24,
              minutes % 60,
              v));
    }
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, sb);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code file} exists and starts with the PNG signature. */
  static boolean isPng(Path file) {
    try {
      byte[] head = Files.readAllBytes(file);
      return head.length > 8
          && (head[0] & 0xff) == 0x89
          && head[1] == 'P'
          && head[2] == 'N'
          && head[3] == 'G';
    } catch (IOException e) {
      return false;
    }
  }
}

package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.spectrumledger.ledger.LedgerUnavailableException;
import picocli.CommandLine;

/**
 * Runs {@code spectrum network …} as the CLI module's error handler does: an {@link
 * IllegalArgumentException} is {@code error: …} and exit code 2, an unreachable node ({@link
 * LedgerUnavailableException}) exit code 3, anything else exit code 1, never a stack trace.
 */
public final class Cli {

  /** What a run printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  private Cli() {}

  public static Run network(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new NetworkCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("error: " + e.getMessage());
          if (e instanceof IllegalArgumentException) {
            return 2;
          }
          return e instanceof LedgerUnavailableException ? 3 : 1;
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          return 2;
        });
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}

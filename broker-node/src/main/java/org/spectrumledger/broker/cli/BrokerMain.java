package org.spectrumledger.broker.cli;

import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.RoleMismatchException;
import org.spectrumledger.ledger.cli.NumberConverters;
import picocli.CommandLine;

/** Runs the broker command on its own (a broker process without the rest of the CLI). */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The broker command with its error handler: a failure is one line, not a stack trace. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BrokerCommand());
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          // one line, not a stack trace (SPECTRUM_DEBUG=1 shows it)
          line.getErr().println("error: " + e.getMessage());
          if (System.getenv("SPECTRUM_DEBUG") != null) {
            e.printStackTrace(line.getErr());
          }
          line.getErr().flush();
          return exitCode(e);
        });
    return NumberConverters.register(cli);
  }

  /** The launcher's codes (the README's table): 2 bad input, 3 chain away, 4 refused, else 1. */
  static int exitCode(Exception e) {
    if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
      return 2;
    }
    if (e instanceof LedgerUnavailableException || e instanceof NoContractException) {
      return 3;
    }
    return e instanceof RoleMismatchException || e instanceof ContractRevertedException ? 4 : 1;
  }
}

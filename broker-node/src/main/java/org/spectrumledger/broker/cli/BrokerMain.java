package org.spectrumledger.broker.cli;

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
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    return cli;
  }
}

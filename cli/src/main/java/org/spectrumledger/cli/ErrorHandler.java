package org.spectrumledger.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.NoContractException;
import org.spectrumledger.ledger.RoleMismatchException;
import org.spectrumledger.ledger.devchain.DevChainException;
import picocli.CommandLine;

/**
 * Maps failures to a one-line message and an exit code, never a stack trace (set {@code
 * SPECTRUM_DEBUG=1} to see one): 1 for a failed operation, 2 for bad usage or input, 3 for an
 * unreachable node, chain or explorer (or one that does not hold the deployment's contracts, or a
 * URL that is not a chain node), 4 for a refusal: the contract's, the broker's, or one foreseen
 * before sending (too few tokens or too little escrow, a key without the role the command needs).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int UNAVAILABLE = 3;
  static final int REVERTED = 4;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    err.println("error: " + message(e) + whereToPoint(e, cli.getCommandSpec()));
    if (System.getenv("SPECTRUM_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  /**
   * For a chain node or a broker that cannot be reached or is not what it should be, how to point
   * the command at another: the option that set its URL and that option's environment variable, if
   * the command has one (the clients' messages name the URL, not how it was given). Nothing when
   * the message names the option already, or for a command without it (the demo's own chain).
   */
  static String whereToPoint(Throwable e, CommandLine.Model.CommandSpec command) {
    String option;
    String what;
    if (e instanceof LedgerUnavailableException) {
      option = "--rpc";
      what = "the chain's node";
    } else if (e instanceof org.spectrumledger.broker.api.BrokerClient.BrokerUnavailable) {
      option = "--broker";
      what = "the broker";
    } else if (e instanceof org.spectrumledger.network.explorer.ExplorerException.Unreachable) {
      option = "--explorer";
      what = "Blockscout's API";
    } else {
      return "";
    }
    CommandLine.Model.OptionSpec spec = command.findOption(option);
    if (spec == null || String.valueOf(e.getMessage()).contains(option)) {
      return "";
    }
    String env = org.spectrumledger.ledger.cli.CascadingDefaultProvider.environmentVariable(spec);
    String hint = option + (env == null ? "" : " (or $" + env + ")") + " at " + what;
    // (after a question, a sentence of its own)
    return String.valueOf(e.getMessage()).endsWith("?") ? " Point " + hint : "; point " + hint;
  }

  static int exitCode(Throwable e) {
    if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
      return USAGE;
    }
    if (e instanceof org.spectrumledger.broker.api.BrokerClient.BrokerRefusal r
        && r.status() == 503) {
      return UNAVAILABLE; // the broker is up but cannot work: its chain is away, or it is busy
    }
    if (e instanceof LedgerUnavailableException
        || e instanceof NoContractException
        || e instanceof DevChainException
        || e instanceof org.spectrumledger.broker.api.BrokerClient.BrokerUnavailable
        || e instanceof org.spectrumledger.network.explorer.ExplorerException.Unreachable) {
      return UNAVAILABLE;
    }
    if (e instanceof ContractRevertedException
        || e instanceof RoleMismatchException
        || e instanceof org.spectrumledger.ledger.InsufficientFundsException
        || e instanceof org.spectrumledger.broker.api.BrokerClient.BrokerRefusal) {
      return REVERTED;
    }
    return FAILED;
  }

  static String message(Throwable e) {
    if ((e instanceof LedgerUnavailableException
            || e instanceof NoContractException
            || e instanceof org.spectrumledger.broker.api.BrokerClient.BrokerUnavailable
            || e instanceof org.spectrumledger.network.explorer.ExplorerException.Unreachable)
        && e.getMessage() != null) {
      return e.getMessage(); // already says which node and why; its causes say it again
    }
    StringBuilder sb =
        new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    Throwable cause = e.getCause();
    while (cause != null && cause != e) {
      String said = said(cause);
      if (said != null && !sb.toString().contains(said)) {
        sb.append(": ").append(said);
      }
      e = cause;
      cause = cause.getCause();
    }
    return sb.toString();
  }

  /**
   * What a cause adds to the message: nothing for a parser's failure (the message above it already
   * names the value and its form; the parser's words are indexes and radixes), the reason for a
   * file the system would not give (its own message is the bare path).
   */
  private static String said(Throwable cause) {
    if (cause instanceof NumberFormatException
        || cause instanceof java.time.format.DateTimeParseException) {
      return null;
    }
    if (cause instanceof java.nio.file.FileSystemException f) {
      return org.spectrumledger.ledger.io.FileReasons.of(f);
    }
    return cause.getMessage();
  }

  /** Bad usage: the message, a hint, exit code 2. */
  static final class Usage implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage());
      String source = source(ex.getArgSpec(), args, System::getenv);
      if (source != null) {
        err.println("  (the value came from " + source + ")");
      }
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println(
          "Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return USAGE;
    }

    /**
     * Where the refused value of an option not given on the command line came from: its environment
     * variable, or its key in the config file; null when it was typed (or for a positional
     * parameter). A value from a file or the environment is otherwise reported under the flag's
     * name, and the user looks for a flag they never typed.
     */
    static String source(
        CommandLine.Model.ArgSpec arg,
        String[] args,
        java.util.function.Function<String, String> environment) {
      if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
        return null;
      }
      for (String a : args) {
        for (String name : option.names()) {
          if (a.equals(name) || a.startsWith(name + "=")) {
            return null;
          }
        }
      }
      String env =
          org.spectrumledger.ledger.cli.CascadingDefaultProvider.environmentVariable(option);
      if (env != null) {
        String v = environment.apply(env);
        if (v != null && !v.isBlank()) {
          return "the environment variable " + env;
        }
      }
      var config =
          option.command() == null
              ? null
              : option.command().findOption(org.spectrumledger.ledger.cli.ConfigOptions.OPTION);
      Object file = config == null ? null : config.getValue();
      if (file == null) {
        return null;
      }
      return "\""
          + org.spectrumledger.ledger.cli.CascadingDefaultProvider.key(option)
          + "\" in the config file "
          + file;
    }
  }
}

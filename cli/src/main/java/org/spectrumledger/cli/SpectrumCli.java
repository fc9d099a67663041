package org.spectrumledger.cli;

import java.io.PrintWriter;
import org.spectrumledger.broker.cli.BrokerCommand;
import org.spectrumledger.network.cli.NetworkCommand;
import org.spectrumledger.operator.cli.OperatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./spectrum} command: every module's commands under one root. */
@Command(
    name = "spectrum",
    mixinStandardHelpOptions = true,
    versionProvider = SpectrumCli.Version.class,
    description = "SpectrumLedger: a spectrum marketplace ledger and the nodes that trade on it.",
    subcommands = {
      BenchCommand.class,
      BrokerCommand.class,
      DemoCommand.class,
      DevChainCommand.class,
      ExploreCommand.class,
      OperatorCommand.class,
      RegulatorCommand.class,
      NetworkCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Handled by the ./spectrum launcher itself:",
      "  test   The full test suite (mvn verify: Java tests, forge tests, formatting).",
      "  build  Builds everything without running the tests."
    })
public final class SpectrumCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SpectrumCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new ErrorHandler.Usage());
    return cli.execute(args);
  }

  /** The version from the jar's manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SpectrumCli.class.getPackage().getImplementationVersion();
      return new String[] {"spectrum " + (v == null ? "(development build)" : v)};
    }
  }
}

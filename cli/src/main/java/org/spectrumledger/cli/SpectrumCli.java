package org.spectrumledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
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
    quietLogsUnlessLongRunning(args);
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** The commands that run until stopped (or train for minutes) and log what they do. */
  static final Set<String> LONG_RUNNING =
      Set.of(
          "broker run",
          "operator run",
          "operator agent",
          "operator forecast",
          "operator isss",
          "operator pricing",
          "devchain");

  /**
   * A command that does one thing and says so itself logs warnings and errors only, not a line per
   * transaction: its output is its answer. The long-running ones log as they go. {@code
   * SPECTRUM_LOG} (error, warn, info, debug, trace) sets the level for all; it must be set before
   * the first logger is made, which is here.
   */
  static void quietLogsUnlessLongRunning(String[] args) {
    String property = "org.slf4j.simpleLogger.defaultLogLevel";
    if (System.getProperty(property) != null) {
      return;
    }
    String chosen = System.getenv("SPECTRUM_LOG");
    if (chosen != null && !chosen.isBlank()) {
      System.setProperty(property, chosen.strip().toLowerCase(java.util.Locale.ROOT));
      return;
    }
    String first = args.length > 0 ? args[0] : "";
    String two = args.length > 1 ? first + " " + args[1] : first;
    boolean longRunning = LONG_RUNNING.contains(first) || LONG_RUNNING.contains(two);
    System.setProperty(property, longRunning ? "info" : "warn");
  }

  /** Runs the CLI with the given streams and returns the exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new ErrorHandler.Usage());
    return cli.execute(args);
  }

  /** The command tree, its options tidied ({@link #tidy}). */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SpectrumCli());
    // --kind micro_operator as well as MICRO_OPERATOR, as --side takes Bid or bid
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // "--band: it takes a whole number, not '2.5'", not picocli's "is not a long"
    org.spectrumledger.ledger.cli.NumberConverters.register(cli);
    tidy(cli);
    return cli;
  }

  /** The operator's and regulator's commands that talk to the broker. */
  static final Set<String> BROKER_USERS =
      Set.of(
          "operator order",
          "operator orders",
          "operator cancel",
          "operator trades",
          "operator run",
          "operator audit",
          "regulator book");

  /** The operator's and regulator's commands that send no transaction. */
  static final Set<String> READ_ONLY =
      Set.of(
          "operator status",
          "operator leases",
          "operator trades",
          "operator orders",
          "operator order",
          "operator keys new",
          "operator keys import",
          "operator keys show",
          "regulator band show",
          "regulator zone list",
          "regulator book");

  /**
   * The operator's and regulator's commands share one set of options ({@code AccountOptions}); a
   * command that never talks to the broker does not list {@code --broker}, one that sends no
   * transaction does not list {@code --gas}. Both stay accepted (hidden), so a shared config file
   * or an older script naming them still works.
   */
  static void tidy(CommandLine c) {
    CommandLine.Model.CommandSpec s = c.getCommandSpec();
    String name = s.qualifiedName(" ").replaceFirst("^spectrum ", "");
    if (name.startsWith("operator ") || name.startsWith("regulator ")) {
      if (!BROKER_USERS.contains(name)) {
        hide(s, "--broker");
      }
      if (READ_ONLY.contains(name)) {
        hide(s, "--gas");
      }
    }
    nameTheEnvironment(s);
    for (CommandLine sub : c.getSubcommands().values()) {
      tidy(sub);
    }
  }

  /**
   * An option an environment variable also sets says which in its help, once: "--rpc …
   * ($SPECTRUM_RPC)".
   */
  private static void nameTheEnvironment(CommandLine.Model.CommandSpec s) {
    for (CommandLine.Model.OptionSpec o : List.copyOf(s.options())) {
      String env = org.spectrumledger.ledger.cli.CascadingDefaultProvider.environmentVariable(o);
      String[] description = o.description();
      if (env == null || o.hidden() || String.join(" ", description).contains("$" + env)) {
        continue;
      }
      String[] said = description.length == 0 ? new String[] {""} : description.clone();
      said[said.length - 1] = (said[said.length - 1] + " ($" + env + ")").strip();
      s.remove(o);
      s.addOption(CommandLine.Model.OptionSpec.builder(o).description(said).build());
    }
  }

  private static void hide(CommandLine.Model.CommandSpec s, String option) {
    CommandLine.Model.OptionSpec o = s.findOption(option);
    if (o != null && !o.hidden()) {
      s.remove(o);
      s.addOption(CommandLine.Model.OptionSpec.builder(o).hidden(true).build());
    }
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

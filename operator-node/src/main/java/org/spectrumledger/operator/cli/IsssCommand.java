package org.spectrumledger.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spectrum operator isss …}: the ISSS sensing controller and its evaluation. */
@Command(
    name = "isss",
    mixinStandardHelpOptions = true,
    description =
        "ISSS sensing (interchangeable spectrum sensing scheduling): the edge controller and its"
            + " Monte Carlo evaluation.",
    subcommands = {IsssSimulateCommand.class})
public final class IsssCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

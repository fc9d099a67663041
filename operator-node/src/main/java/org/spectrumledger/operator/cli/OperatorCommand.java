package org.spectrumledger.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spectrum operator …}: the operator node's commands. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Operator node: forecasting, sensing, the bidding agent, pricing, keys and the daemon.",
    subcommands = {
      KeysCommand.class,
      RegisterCommand.class,
      StatusCommand.class,
      DepositCommand.class,
      WithdrawCommand.class,
      OrdersCommand.class,
      OrderCommand.class,
      CancelCommand.class,
      LeasesCommand.class,
      TradesCommand.class,
      AuditCommand.class,
      RunCommand.class,
      ForecastCommand.class,
      AgentCommand.class,
      PricingCommand.class,
      IsssCommand.class
    })
public final class OperatorCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package org.spectrumledger.network.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spectrum network …}: a private Besu QBFT network and the ledger on it. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description =
        "A private Besu QBFT network for real deployments: generate it, deploy the ledger to it,"
            + " verify the contracts in Blockscout, and administer it (validators, member nodes,"
            + " revocations, backups, health).",
    subcommands = {
      GenerateCommand.class,
      DeployCommand.class,
      RevokeCommand.class,
      VerifyCommand.class,
      ValidatorCommand.class,
      NodeCommand.class,
      AllowlistCommand.class,
      BackupCommand.class,
      HealthCommand.class,
      ExplorerTokenCommand.class
    })
public final class NetworkCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package org.spectrumledger.network.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.admin.PermissionReload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spectrum network allowlist reload}: every node re-reads its allowlist file. */
@Command(
    name = "allowlist",
    mixinStandardHelpOptions = true,
    description = "The nodes' local allowlists.",
    subcommands = {AllowlistCommand.Reload.class})
public final class AllowlistCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code allowlist reload}. */
  @Command(
      name = "reload",
      mixinStandardHelpOptions = true,
      description =
          "Calls perm_reloadPermissionsFromFile on every node, e.g. after copying the"
              + " permissions_config.toml files to nodes on machines of their own.")
  static final class Reload implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin AdminOptions admin;

    @Mixin DryRunOption dryRun;

    @Override
    public Integer call() {
      NetworkDirectory net = admin.network();
      var out = spec.commandLine().getOut();
      if (dryRun.print(out, PermissionReload.plan(net, Set.of()))) {
        return 0;
      }
      Reloads.run(out, net, admin.rpc(), Set.of(), true);
      return 0;
    }
  }
}

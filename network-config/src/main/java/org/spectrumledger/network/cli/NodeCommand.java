package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.network.admin.MemberNodeAddition;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.node.NodeSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network node add}: a member node joins the network. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Nodes of a generated network.",
    subcommands = {NodeCommand.Add.class})
public final class NodeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code node add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Adds a member node: a new node key, its directory, its enode (and --account) in every"
            + " node's allowlists, network.json, the Compose file and Prometheus' targets; then"
            + " every running node reloads its allowlists (perm_reloadPermissionsFromFile).",
        "Start the new node afterwards: 'docker compose up -d NAME' on one Docker host."
      })
  static final class Add implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin AdminOptions admin;

    @Mixin DryRunOption dryRun;

    @Option(names = "--name", paramLabel = "NAME", description = "default: the next memberN")
    String name;

    @Option(
        names = "--host",
        paramLabel = "IP",
        description = "its address; default on one Docker host: the next free one on the bridge")
    String host;

    @Option(
        names = "--account",
        paramLabel = "ADDRESS",
        description =
            "an account of its organisation to allowlist with it (its owner keeps the key)",
        converter = AddressConverter.class)
    Address account;

    @Override
    public Integer call() {
      NetworkDirectory net = admin.network();
      MemberNodeAddition.Plan plan =
          MemberNodeAddition.plan(net, new MemberNodeAddition.Request(name, host, account));
      PrintWriter out = spec.commandLine().getOut();
      var lines = new java.util.ArrayList<>(MemberNodeAddition.describe(net, plan));
      lines.addAll(Reloads.plan(net, Set.of(plan.name())));
      if (dryRun.print(out, lines)) {
        return 0;
      }
      var rpc = net.oneHost() ? admin.rpc() : null;
      NodeSpec node = MemberNodeAddition.apply(net, plan, new SecureRandom());
      out.println("added " + node.name() + ": " + node.enode().url());
      Reloads.run(out, NetworkDirectory.open(net.dir()), rpc, Set.of(node.name()), false);
      out.println(
          net.oneHost()
              ? "start it with: docker compose up -d " + node.name()
              : "copy nodes/"
                  + node.name()
                  + "/ to "
                  + node.enode().host()
                  + " and start Besu there");
      out.flush();
      return 0;
    }
  }
}

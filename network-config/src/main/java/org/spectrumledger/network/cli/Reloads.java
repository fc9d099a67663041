package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.admin.NodeRpc;
import org.spectrumledger.network.admin.Outcome;
import org.spectrumledger.network.admin.PermissionReload;
import org.spectrumledger.network.node.Enode;

/**
 * After allowlist files changed: on one Docker host the nodes reload them at once; on machines of
 * their own the files must reach them first, so the command says which to copy and how to reload.
 */
final class Reloads {

  private Reloads() {}

  static List<String> plan(NetworkDirectory net, Set<String> skip) {
    return net.oneHost()
        ? PermissionReload.plan(net, skip)
        : List.of(
            "print which permissions_config.toml to copy to which machine, then reload with"
                + " 'spectrum network allowlist reload'");
  }

  /** Reloads (one host) or tells how to (machines); fails with exit code 3 if a node missed it. */
  static void run(
      PrintWriter out, NetworkDirectory net, NodeRpc rpc, Set<String> skip, boolean force) {
    if (!net.oneHost() && !force) {
      out.println("copy each node's allowlists to its machine, then reload them all:");
      for (var n : net.manifest().nodes()) {
        if (!skip.contains(n.name())) {
          out.println(
              "  nodes/"
                  + n.name()
                  + "/permissions_config.toml -> "
                  + Enode.parse(n.enode()).host());
        }
      }
      out.println("  spectrum network allowlist reload --network " + net.dir());
      out.flush();
      return;
    }
    List<Outcome> outcomes = PermissionReload.run(net, rpc, skip);
    TextTable t = new TextTable("node", "allowlists");
    for (Outcome o : outcomes) {
      t.row(o.node(), o.done() ? o.detail() : "NOT RELOADED: " + o.detail());
    }
    out.print(t);
    out.flush();
    List<String> missed = outcomes.stream().filter(o -> !o.done()).map(Outcome::node).toList();
    if (!missed.isEmpty()) {
      throw new LedgerUnavailableException(
          String.join(", ", missed)
              + " did not reload (their files are updated); run 'spectrum network allowlist reload"
              + " --network "
              + net.dir()
              + "' once they are up",
          null);
    }
  }
}

package org.spectrumledger.network.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.network.generate.NetworkManifest;

/**
 * {@code perm_reloadPermissionsFromFile} on every node, after their {@code permissions_config.toml}
 * changed. A node that cannot be reached is reported and the others are still reloaded; a node that
 * refuses the token stops the run (every other would refuse it too).
 */
public final class PermissionReload {

  private PermissionReload() {}

  /** The dry-run lines: one call a node. */
  public static List<String> plan(NetworkDirectory net, Set<String> skip) {
    List<String> lines = new ArrayList<>();
    for (NetworkManifest.Node n : net.manifest().nodes()) {
      if (!skip.contains(n.name())) {
        lines.add("call perm_reloadPermissionsFromFile on " + n.name() + " at " + net.rpcUrl(n));
      }
    }
    return lines;
  }

  /** Reloads every node not in {@code skip} (a node that is not started yet). */
  public static List<Outcome> run(NetworkDirectory net, NodeRpc rpc, Set<String> skip) {
    List<Outcome> out = new ArrayList<>();
    for (NetworkManifest.Node n : net.manifest().nodes()) {
      if (skip.contains(n.name())) {
        continue;
      }
      try {
        rpc.reloadPermissions(net.target(n));
        out.add(Outcome.done(n.name(), "allowlists reloaded"));
      } catch (LedgerUnavailableException | NodeRpc.RpcError e) {
        out.add(Outcome.failed(n.name(), e));
      }
    }
    return out;
  }
}

package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.network.admin.NetworkDirectory;
import org.spectrumledger.network.admin.NetworkHealth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spectrum network health}: every node's height, peers and validator set in one table. */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description =
        "Asks every node of the network for its block height (eth_blockNumber), its peers"
            + " (net_peerCount) and the validators of its latest block"
            + " (qbft_getValidatorsByBlockNumber). Exit code 3 if a node did not answer.")
public final class HealthCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AdminOptions admin;

  @Override
  public Integer call() {
    NetworkDirectory net = admin.network();
    List<NetworkHealth.Row> rows = NetworkHealth.check(net, admin.rpc());
    PrintWriter out = spec.commandLine().getOut();
    TextTable t = new TextTable("node", "role", "block", "peers", "validators");
    for (NetworkHealth.Row r : rows) {
      if (r.healthy()) {
        t.row(
            r.node(),
            r.role(),
            Long.toString(r.block()),
            Long.toString(r.peers()),
            r.validators().size() + ": " + String.join(",", r.validators()));
      } else {
        t.row(r.node(), r.role(), "-", "-", "DOWN: " + r.error());
      }
    }
    out.print(t);
    long distinctSets =
        rows.stream()
            .filter(NetworkHealth.Row::healthy)
            .map(NetworkHealth.Row::validators)
            .distinct()
            .count();
    if (distinctSets > 1) {
      out.println("warning: the nodes do not agree on the validator set (some are behind?)");
    }
    out.flush();
    List<String> down =
        rows.stream().filter(r -> !r.healthy()).map(NetworkHealth.Row::node).toList();
    if (!down.isEmpty()) {
      throw new LedgerUnavailableException(
          down.size() + " of " + rows.size() + " nodes did not answer: " + String.join(", ", down),
          null);
    }
    return 0;
  }
}

package org.spectrumledger.network.admin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.network.generate.NetworkManifest;

/**
 * Takes an account off every node's accounts allowlist, so no node of the network accepts a
 * transaction from it any more. Revoking a ledger role (the broker's, a regulator's) is the other
 * half, on chain, done by {@code LedgerDeployer.revoke}.
 */
public final class AccountRevocation {

  private AccountRevocation() {}

  /** Refuses to lock the network's admin out of its own chain. */
  public static void check(NetworkDirectory net, Address account) {
    NetworkManifest.Account admin = net.manifest().accounts().get("admin");
    if (admin != null && admin.address().equals(account)) {
      throw new IllegalArgumentException(
          account.checksummed()
              + " is the network's admin account; taking it off the allowlists would leave no"
              + " account able to change the ledger");
    }
  }

  /** The nodes whose allowlist holds {@code account}. */
  public static List<String> nodesAllowing(NetworkDirectory net, Address account) {
    List<String> out = new ArrayList<>();
    for (String n : net.names()) {
      if (Allowlists.read(net.nodeDir(n)).accounts().contains(account.hex())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Removes {@code account} from every node's allowlist file; returns the nodes changed. */
  public static List<String> removeFromAllowlists(NetworkDirectory net, Address account) {
    check(net, account);
    List<Path> dirs = net.names().stream().map(net::nodeDir).toList();
    return Allowlists.update(dirs, a -> a.withoutAccount(account.hex())).stream()
        .map(p -> p.getFileName().toString())
        .toList();
  }
}

package org.spectrumledger.network.admin;

import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.network.generate.NetworkManifest;

/**
 * Each node's view of the chain: its block height ({@code eth_blockNumber}), its peers ({@code
 * net_peerCount}) and the validator set of its latest block ({@code
 * qbft_getValidatorsByBlockNumber}), named by node where the validator is one of network.json.
 */
public final class NetworkHealth {

  /**
   * One node's answers, or why there are none.
   *
   * @param node the node's name
   * @param role its role
   * @param block its chain head, or -1
   * @param peers its peer count, or -1
   * @param validators the validators it sees, or empty
   * @param error why it did not answer, or null
   */
  public record Row(
      String node, String role, long block, long peers, List<String> validators, String error) {

    public boolean healthy() {
      return error == null;
    }
  }

  private NetworkHealth() {}

  /**
   * Asks every node. A node that refuses the token stops the run ({@link NodeRpc.AuthRefused}): the
   * key is wrong for all of them.
   */
  public static List<Row> check(NetworkDirectory net, NodeRpc rpc) {
    List<Row> rows = new ArrayList<>();
    for (NetworkManifest.Node n : net.manifest().nodes()) {
      NodeRpc.Target t = net.target(n);
      try {
        long block = rpc.blockNumber(t);
        long peers = rpc.peerCount(t);
        List<String> validators = new ArrayList<>();
        for (Address a : rpc.validators(t)) {
          validators.add(net.nodeWithAddress(a).map(NetworkManifest.Node::name).orElse(a.hex()));
        }
        rows.add(new Row(n.name(), n.role(), block, peers, validators, null));
      } catch (LedgerUnavailableException | NodeRpc.RpcError e) {
        rows.add(new Row(n.name(), n.role(), -1, -1, List.of(), e.getMessage()));
      }
    }
    return rows;
  }
}

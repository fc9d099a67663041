package org.spectrumledger.network.node;

import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.network.keys.KeyFiles;

/**
 * A node's {@code config.toml} and {@code permissions_config.toml}. Every path in them is relative
 * to the node's own directory, which holds the genesis and the key too: Besu runs with that
 * directory as its working directory, in a container or on a machine of its own.
 */
public final class BesuNodeConfig {

  public static final String CONFIG_FILE = "config.toml";
  public static final String PERMISSIONS_FILE = "permissions_config.toml";
  public static final String GENESIS_FILE = "genesis.json";
  public static final String DATA_DIR = "data";

  /** The ports inside the node (the Compose file maps them to host ports). */
  public static final int P2P_PORT = 30303;

  public static final int RPC_HTTP_PORT = 8545;
  public static final int RPC_WS_PORT = 8546;
  public static final int METRICS_PORT = 9545;

  /** Validators: consensus and peering APIs, for voting and checking peers. */
  static final List<String> VALIDATOR_APIS =
      List.of("ETH", "NET", "WEB3", "QBFT", "ADMIN", "PERM", "TXPOOL");

  /** The RPC node also serves DEBUG and TRACE, which Blockscout's Besu variant calls. */
  static final List<String> RPC_APIS =
      List.of("ETH", "NET", "WEB3", "QBFT", "TXPOOL", "DEBUG", "TRACE", "PERM");

  static final List<String> MEMBER_APIS = List.of("ETH", "NET", "WEB3", "QBFT", "TXPOOL", "PERM");

  private BesuNodeConfig() {}

  public static List<String> rpcApis(NodeRole role) {
    return switch (role) {
      case VALIDATOR -> VALIDATOR_APIS;
      case RPC -> RPC_APIS;
      case MEMBER -> MEMBER_APIS;
    };
  }

  /**
   * The node's {@code config.toml}.
   *
   * @param node the node
   * @param bootnodes the enode URLs it first dials (the other validators)
   * @param gasLimit the genesis gas limit, which the node keeps as its target
   * @param chainId the chain id, for the header comment
   */
  public static String configToml(
      NodeSpec node, List<Enode> bootnodes, long gasLimit, long chainId) {
    Toml t = new Toml();
    t.comment(
        node.name()
            + " ("
            + node.role().label()
            + ") of SpectrumLedger chain "
            + chainId
            + ", written by `spectrum network generate`.\n"
            + "Paths are relative to this directory: run Besu from here with --config-file="
            + CONFIG_FILE
            + ".");
    t.blank().comment("identity and chain");
    t.put("identity", node.name());
    t.put("genesis-file", GENESIS_FILE);
    t.put("data-path", DATA_DIR);
    t.put("node-private-key-file", KeyFiles.PRIVATE_KEY);
    t.put("sync-mode", "FULL");
    t.blank().comment("peer to peer: the advertised address must match this node's enode URL");
    t.put("p2p-enabled", true);
    t.put("p2p-host", node.enode().host());
    t.put("p2p-interface", "0.0.0.0");
    t.put("p2p-port", P2P_PORT);
    t.put("bootnodes", bootnodes.stream().map(Enode::url).toList());
    t.blank().comment("transactions: free gas (zeroBaseFee in the genesis), revert reasons kept");
    t.put("min-gas-price", 0);
    t.put("target-gas-limit", gasLimit);
    t.put("revert-reason-enabled", true);
    t.blank().comment("JSON-RPC");
    t.put("rpc-http-enabled", true);
    t.put("rpc-http-host", "0.0.0.0");
    t.put("rpc-http-port", RPC_HTTP_PORT);
    t.put("rpc-http-api", rpcApis(node.role()));
    t.put("rpc-http-cors-origins", List.of("*"));
    t.put("host-allowlist", List.of("*"));
    if (node.role() == NodeRole.RPC) {
      t.put("rpc-ws-enabled", true);
      t.put("rpc-ws-host", "0.0.0.0");
      t.put("rpc-ws-port", RPC_WS_PORT);
      t.put("rpc-ws-api", rpcApis(node.role()));
    }
    t.blank()
        .comment(
            "local permissioning (Besu removed on-chain permissioning): only allowlisted nodes"
                + " peer,\nonly allowlisted accounts send transactions through this node");
    t.put("permissions-nodes-config-file-enabled", true);
    t.put("permissions-nodes-config-file", PERMISSIONS_FILE);
    t.put("permissions-accounts-config-file-enabled", true);
    t.put("permissions-accounts-config-file", PERMISSIONS_FILE);
    t.blank().comment("metrics and logs");
    t.put("metrics-enabled", true);
    t.put("metrics-host", "0.0.0.0");
    t.put("metrics-port", METRICS_PORT);
    t.put("logging", "INFO");
    return t.toString();
  }

  /** The node's {@code permissions_config.toml}: every node of the network, and the accounts. */
  public static String permissionsToml(List<NodeSpec> nodes, List<Address> accounts) {
    Toml t = new Toml();
    t.comment(
        "Local permissioning allowlists, the same on every node.\n"
            + "Change them at run time with perm_addNodesToAllowlist / perm_addAccountsToAllowlist,"
            + "\nor edit this file on every node and call perm_reloadPermissionsFromFile.");
    t.put("nodes-allowlist", nodes.stream().map(n -> n.enode().url()).toList());
    t.put("accounts-allowlist", accounts.stream().map(Address::hex).toList());
    return t.toString();
  }
}

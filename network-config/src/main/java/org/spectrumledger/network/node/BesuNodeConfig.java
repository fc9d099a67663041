package org.spectrumledger.network.node;

import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.keys.KeyFiles;

/**
 * A node's {@code config.toml} and {@code permissions_config.toml}. Every path in them is relative
 * to the node's own directory, which holds the genesis and the key too: Besu runs with that
 * directory as its working directory, in a container or on a machine of its own.
 *
 * <h2>What each node serves over JSON-RPC</h2>
 *
 * Every node serves some administrative namespace ({@code PERM} at least, so its allowlists can be
 * reloaded), so every node's HTTP JSON-RPC requires a token signed by the network's {@link
 * RpcJwtKey} ({@code rpc-http-authentication-enabled}, {@code
 * rpc-http-authentication-jwt-public-key-file}). The nodes clients use, the RPC node and the
 * members, exempt the read and submit methods of {@code ETH}, {@code NET} and {@code WEB3} ({@code
 * rpc-http-api-methods-no-auth}); nothing else is served without a token. {@code MINER} and {@code
 * PLUGINS} are served nowhere, {@code TXPOOL} neither (no client here needs it, and it would show
 * anyone the pending settlement batches). Only the RPC node has WebSocket, with the public
 * namespaces alone. Host allowlists name loopback, the node's own address and, on the RPC node, the
 * hosts given to {@code generate}; CORS is allowed only on the RPC node, to the origins given.
 */
public final class BesuNodeConfig {

  public static final String CONFIG_FILE = "config.toml";
  public static final String PERMISSIONS_FILE = "permissions_config.toml";
  public static final String GENESIS_FILE = "genesis.json";
  public static final String JWT_PUBLIC_KEY_FILE = "rpc-jwt-public.pem";
  public static final String DATA_DIR = "data";

  /** The ports inside the node (the Compose file maps them to host ports). */
  public static final int P2P_PORT = 30303;

  public static final int RPC_HTTP_PORT = 8545;
  public static final int RPC_WS_PORT = 8546;
  public static final int METRICS_PORT = 9545;

  /** Namespaces that change or expose the node itself: never served without authentication. */
  public static final List<String> ADMIN_NAMESPACES =
      List.of("ADMIN", "PERM", "DEBUG", "TRACE", "QBFT", "MINER", "PLUGINS");

  /** What dapps, wallets and the ledger's own clients need. */
  public static final List<String> PUBLIC_NAMESPACES = List.of("ETH", "NET", "WEB3");

  /**
   * The methods of the public namespaces served without a token on the RPC and member nodes:
   * reading the chain, estimating and submitting signed transactions, logs and filters. Besu
   * refuses to start if one of them is not a method it knows, so only long-standing methods are
   * listed; a method missing here asks for a token (it fails closed).
   */
  public static final List<String> PUBLIC_METHODS =
      List.of(
          "eth_blockNumber",
          "eth_call",
          "eth_chainId",
          "eth_estimateGas",
          "eth_feeHistory",
          "eth_gasPrice",
          "eth_getBalance",
          "eth_getBlockByHash",
          "eth_getBlockByNumber",
          "eth_getBlockTransactionCountByHash",
          "eth_getBlockTransactionCountByNumber",
          "eth_getCode",
          "eth_getFilterChanges",
          "eth_getFilterLogs",
          "eth_getLogs",
          "eth_getStorageAt",
          "eth_getTransactionByBlockHashAndIndex",
          "eth_getTransactionByBlockNumberAndIndex",
          "eth_getTransactionByHash",
          "eth_getTransactionCount",
          "eth_getTransactionReceipt",
          "eth_maxPriorityFeePerGas",
          "eth_newBlockFilter",
          "eth_newFilter",
          "eth_sendRawTransaction",
          "eth_syncing",
          "eth_uninstallFilter",
          "net_listening",
          "net_peerCount",
          "net_version",
          "web3_clientVersion");

  private BesuNodeConfig() {}

  /** The namespaces a node of {@code role} serves over HTTP, all behind authentication. */
  public static List<String> rpcApis(NodeRole role) {
    return switch (role) {
      case VALIDATOR -> List.of("ETH", "NET", "WEB3", "QBFT", "ADMIN", "PERM");
      case RPC, MEMBER -> List.of("ETH", "NET", "WEB3", "QBFT", "PERM");
      // Blockscout's Besu variant reads traces (trace_*, debug_trace*)
      case EXPLORER -> List.of("ETH", "NET", "WEB3", "QBFT", "PERM", "DEBUG", "TRACE");
    };
  }

  /** The methods a node of {@code role} serves without a token. */
  public static List<String> unauthenticatedMethods(NodeRole role) {
    return switch (role) {
      case RPC, MEMBER -> PUBLIC_METHODS;
      case VALIDATOR, EXPLORER -> List.of();
    };
  }

  /**
   * The node's {@code config.toml}.
   *
   * @param node the node
   * @param bootnodes the enode URLs it first dials (the validators)
   * @param gasLimit the genesis gas limit, which the node keeps as its target
   * @param chainId the chain id, for the header comment
   * @param access the hosts and browser origins the RPC node answers to (ignored for other roles)
   */
  public static String configToml(
      NodeSpec node, List<Enode> bootnodes, long gasLimit, long chainId, RpcAccess access) {
    NodeRole role = node.role();
    String ownAddress = node.enode().host();
    Toml t = new Toml();
    t.comment(
        node.name()
            + " ("
            + role.label()
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
    if (role == NodeRole.EXPLORER) {
      t.comment("an archive node: Blockscout reads balances and traces at every past block");
      t.put("data-storage-format", "FOREST");
    }
    t.blank().comment("peer to peer: the advertised address must match this node's enode URL");
    t.put("p2p-enabled", true);
    t.put("p2p-host", ownAddress);
    t.put("p2p-interface", "0.0.0.0");
    t.put("p2p-port", P2P_PORT);
    t.put("bootnodes", bootnodes.stream().map(Enode::url).toList());
    t.blank().comment("transactions: free gas (zeroBaseFee in the genesis), revert reasons kept");
    t.put("min-gas-price", 0);
    t.put("target-gas-limit", gasLimit);
    t.put("revert-reason-enabled", true);
    t.blank()
        .comment(
            "JSON-RPC over HTTP: every call needs a token signed by the network's JWT key"
                + (unauthenticatedMethods(role).isEmpty()
                    ? ""
                    : ",\nexcept the public read and submit methods listed below"));
    t.put("rpc-http-enabled", true);
    t.put("rpc-http-host", "0.0.0.0");
    t.put("rpc-http-port", RPC_HTTP_PORT);
    t.put("rpc-http-api", rpcApis(role));
    t.put("rpc-http-authentication-enabled", true);
    t.put("rpc-http-authentication-jwt-public-key-file", JWT_PUBLIC_KEY_FILE);
    t.put("rpc-http-authentication-jwt-algorithm", RpcJwtKey.ALGORITHM);
    if (!unauthenticatedMethods(role).isEmpty()) {
      t.put("rpc-http-api-methods-no-auth", unauthenticatedMethods(role));
    }
    List<String> extraHosts = role == NodeRole.RPC ? access.hosts() : List.of();
    t.put("host-allowlist", RpcAccess.hostAllowlist(ownAddress, extraHosts));
    if (role == NodeRole.RPC && !access.corsOrigins().isEmpty()) {
      t.put("rpc-http-cors-origins", access.corsOrigins());
    }
    if (role == NodeRole.RPC) {
      t.blank().comment("WebSocket for subscriptions: the public namespaces only");
      t.put("rpc-ws-enabled", true);
      t.put("rpc-ws-host", "0.0.0.0");
      t.put("rpc-ws-port", RPC_WS_PORT);
      t.put("rpc-ws-api", PUBLIC_NAMESPACES);
      t.put("rpc-ws-authentication-enabled", false);
    }
    t.blank()
        .comment(
            "local permissioning (Besu removed on-chain permissioning): only allowlisted nodes"
                + " peer,\nonly allowlisted accounts send transactions through this node");
    t.put("permissions-nodes-config-file-enabled", true);
    t.put("permissions-nodes-config-file", PERMISSIONS_FILE);
    t.put("permissions-accounts-config-file-enabled", true);
    t.put("permissions-accounts-config-file", PERMISSIONS_FILE);
    t.blank().comment("metrics (read only) and logs");
    t.put("metrics-enabled", true);
    t.put("metrics-host", "0.0.0.0");
    t.put("metrics-port", METRICS_PORT);
    t.put("logging", "INFO");
    return t.toString();
  }

  /** A {@code permissions_config.toml} allowing these nodes and accounts. */
  public static String allowlistsToml(List<String> enodes, List<String> accounts) {
    Toml t = new Toml();
    t.comment(
        "Local permissioning allowlists, the same on every node.\n"
            + "Change them with `spectrum network node add` or `spectrum network revoke`, which"
            + " rewrite this\nfile on every node and call perm_reloadPermissionsFromFile.");
    t.put("nodes-allowlist", enodes);
    t.put("accounts-allowlist", accounts);
    return t.toString();
  }

  /** The allowlists of a new network: every node, and the ledger accounts. */
  public static String permissionsToml(List<NodeSpec> nodes, List<Address> accounts) {
    return allowlistsToml(
        nodes.stream().map(n -> n.enode().url()).toList(),
        accounts.stream().map(Address::hex).toList());
  }
}

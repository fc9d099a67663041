package org.spectrumledger.network.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spectrumledger.ledger.Address;

/**
 * {@code network.json}: what a generated network is, without a secret in it. The deploy command
 * reads the accounts and the RPC URL from it.
 *
 * @param chainId the chain id
 * @param consensus always {@code qbft}
 * @param evmVersion the EVM version the genesis enables up to
 * @param blockPeriodSeconds the block period
 * @param requestTimeoutSeconds the round timeout
 * @param epochLength the epoch length in blocks
 * @param gasLimit the block gas limit
 * @param contractSizeLimit the contract size limit in bytes
 * @param rpcUrl where clients reach the RPC node
 * @param explorerUrl where Blockscout's API is, or null when no Compose file was written
 * @param nodes every node
 * @param accounts the ledger's accounts by role name ({@code admin}, {@code regulator}, {@code
 *     broker}, {@code member1}, …)
 */
public record NetworkManifest(
    long chainId,
    String consensus,
    String evmVersion,
    int blockPeriodSeconds,
    int requestTimeoutSeconds,
    long epochLength,
    long gasLimit,
    int contractSizeLimit,
    String rpcUrl,
    String explorerUrl,
    List<Node> nodes,
    Map<String, Account> accounts) {

  public static final String FILE = "network.json";

  /**
   * A node.
   *
   * @param name its name and directory under {@code nodes/}
   * @param role validator, rpc or member
   * @param address its node key's address
   * @param enode its enode URL
   * @param rpcPort the host port its JSON-RPC is published on by the Compose file
   */
  public record Node(String name, String role, Address address, String enode, int rpcPort) {}

  /**
   * An account.
   *
   * @param address its address
   * @param keystore its encrypted keystore, relative to the network directory, or null for an
   *     account whose key its owner keeps
   */
  public record Account(Address address, String keystore) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public NetworkManifest {
    if (nodes == null || nodes.isEmpty() || accounts == null) {
      throw new IllegalArgumentException("network.json: nodes and accounts are missing");
    }
    nodes = List.copyOf(nodes);
    accounts = new TreeMap<>(accounts);
  }

  /** The account with this role name, or a clear error. */
  public Account account(String name) {
    Account a = accounts.get(name);
    if (a == null) {
      throw new IllegalArgumentException("network.json has no account '" + name + "'");
    }
    return a;
  }

  /** This manifest with one more node. */
  public NetworkManifest withNode(Node node) {
    List<Node> more = new java.util.ArrayList<>(nodes);
    more.add(node);
    return with(more, accounts);
  }

  /** This manifest with one more account (an external one has no keystore here: null). */
  public NetworkManifest withAccount(String name, Account account) {
    Map<String, Account> more = new TreeMap<>(accounts);
    more.put(name, account);
    return with(nodes, more);
  }

  /** This manifest with other nodes and accounts. */
  public NetworkManifest with(List<Node> nodes, Map<String, Account> accounts) {
    return new NetworkManifest(
        chainId,
        consensus,
        evmVersion,
        blockPeriodSeconds,
        requestTimeoutSeconds,
        epochLength,
        gasLimit,
        contractSizeLimit,
        rpcUrl,
        explorerUrl,
        nodes,
        accounts);
  }

  /** Writes {@code network.json} into {@code networkDir}. */
  public void write(Path networkDir) {
    org.spectrumledger.ledger.io.AtomicFiles.writeString(
        networkDir.resolve(FILE), toJson(), org.spectrumledger.ledger.io.AtomicFiles.PUBLIC);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@code network.json} from a network directory. */
  public static NetworkManifest read(Path networkDir) {
    Path file = networkDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          networkDir + " is not a generated network: it has no " + FILE);
    }
    try {
      return JSON.readValue(file.toFile(), NetworkManifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is malformed: " + e.getMessage(), e);
    }
  }
}

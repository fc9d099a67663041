package org.spectrumledger.network.generate;

import java.util.List;
import org.spectrumledger.ledger.besu.QbftGenesis;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.network.monitoring.ScrapeTargets;
import org.spectrumledger.network.node.Enode;
import org.spectrumledger.network.node.RpcAccess;

/**
 * What {@code network generate} makes.
 *
 * @param validators the number of QBFT validators (4 or more tolerate one faulty node)
 * @param members the number of member nodes (organisations' own full nodes)
 * @param chainId the chain id
 * @param blockPeriodSeconds the block period
 * @param requestTimeoutSeconds the round timeout (0: twice the block period, at least 4 s)
 * @param epochLength blocks after which pending votes are discarded
 * @param gasLimit the block gas limit
 * @param contractSizeLimit the contract size limit in bytes
 * @param subnet the Docker bridge network, {@code A.B.C.0/24}
 * @param hosts one IPv4 address a node (validators, the RPC node, members) for a network spread
 *     over machines, or empty for one Docker host
 * @param kdf how hard the account keystores are to brute-force
 * @param rpcAccess the hosts and browser origins the public RPC node answers to
 * @param scrapeTargets where Prometheus finds the broker and the operator daemons
 */
public record GenerateOptions(
    int validators,
    int members,
    long chainId,
    int blockPeriodSeconds,
    int requestTimeoutSeconds,
    long epochLength,
    long gasLimit,
    int contractSizeLimit,
    String subnet,
    List<String> hosts,
    Keystore.Kdf kdf,
    RpcAccess rpcAccess,
    ScrapeTargets scrapeTargets) {

  /** Node addresses on the bridge start at .11, as in the quickstart; .200+ is the explorer's. */
  public static final int FIRST_HOST = 11;

  public static final int LAST_HOST = 199;

  public GenerateOptions {
    if (validators < 1) {
      throw new IllegalArgumentException("--validators must be at least 1: " + validators);
    }
    if (members < 0) {
      throw new IllegalArgumentException("--members must not be negative: " + members);
    }
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    // one Docker host also runs the explorer's archive node
    int nodes = validators + 1 + members + (hosts.isEmpty() ? 1 : 0);
    if (FIRST_HOST + nodes - 1 > LAST_HOST) {
      throw new IllegalArgumentException(
          "at most " + (LAST_HOST - FIRST_HOST) + " nodes fit one network: asked for " + nodes);
    }
    if (requestTimeoutSeconds == 0) {
      requestTimeoutSeconds = QbftGenesis.defaultRequestTimeoutSeconds(blockPeriodSeconds);
    }
    if (subnet == null || !subnet.matches("[0-9.]+\\.0/24")) {
      throw new IllegalArgumentException("--subnet must be a /24 network like 172.16.240.0/24");
    }
    Enode.requireIpv4(subnetPrefix(subnet) + ".0");
    if (!hosts.isEmpty() && hosts.size() != nodes) {
      throw new IllegalArgumentException(
          "--hosts needs one address a node: "
              + nodes
              + " ("
              + validators
              + " validators, the RPC node, "
              + members
              + " members), got "
              + hosts.size());
    }
    for (String host : hosts) {
      try {
        Enode.requireIpv4(host);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--hosts takes IPv4 addresses: " + e.getMessage(), e);
      }
    }
    // two nodes at one address would share its P2P port: one of them could never start, and
    // every allowlist and bootnode list would name that address twice
    requireDistinct("--hosts", hosts);
    if (kdf == null) {
      kdf = Keystore.Kdf.STANDARD;
    }
    if (rpcAccess == null) {
      rpcAccess = RpcAccess.localOnly();
    }
    if (scrapeTargets == null) {
      scrapeTargets = ScrapeTargets.defaults();
    }
  }

  /** Refuses an item listed twice in a list option (a typo in a comma-separated list). */
  public static void requireDistinct(String option, List<String> items) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String item : items) {
      if (!seen.add(item.strip().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            option + " lists '" + item + "' twice: give each one once");
      }
    }
  }

  public static String subnetPrefix(String subnet) {
    return subnet.substring(0, subnet.length() - "0/24".length() - 1);
  }

  /** Whether the network runs on one Docker host (no {@code --hosts}). */
  public boolean oneHost() {
    return hosts.isEmpty();
  }
}

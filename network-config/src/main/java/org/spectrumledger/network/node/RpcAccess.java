package org.spectrumledger.network.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may call the public RPC node from where: the extra host names its JSON-RPC answers to ({@code
 * host-allowlist}, against DNS rebinding) and the browser origins it allows ({@code
 * rpc-http-cors-origins}). Neither may be a wildcard.
 *
 * @param hosts host names or addresses clients use to reach the RPC node, besides localhost,
 *     127.0.0.1 and the node's own address, which every node accepts
 * @param corsOrigins web origins ({@code https://explorer.example.org}) allowed to call it from a
 *     browser; empty: none
 */
public record RpcAccess(List<String> hosts, List<String> corsOrigins) {

  public RpcAccess {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    for (String h : hosts) {
      if (h.isBlank()) {
        throw new IllegalArgumentException(
            "--rpc-host takes host names or addresses, separated by single commas: one is empty");
      }
      if (h.contains("*") || h.equalsIgnoreCase("all")) {
        throw new IllegalArgumentException(
            "--rpc-host takes host names or addresses, never a wildcard: '" + h + "'");
      }
      if (!h.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+]")) {
        throw new IllegalArgumentException("--rpc-host: not a host name or address: '" + h + "'");
      }
    }
    org.spectrumledger.network.generate.GenerateOptions.requireDistinct("--rpc-host", hosts);
    org.spectrumledger.network.generate.GenerateOptions.requireDistinct(
        "--rpc-cors-origin", corsOrigins);
    for (String o : corsOrigins) {
      if (o.contains("*") || o.equalsIgnoreCase("all") || o.equalsIgnoreCase("null")) {
        throw new IllegalArgumentException(
            "--rpc-cors-origin takes web origins, never a wildcard: '" + o + "'");
      }
      if (!o.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new IllegalArgumentException(
            "--rpc-cors-origin: an origin is scheme://host[:port] without a path: '" + o + "'");
      }
    }
  }

  /** Only localhost and the node's own address; no browser origin. */
  public static RpcAccess localOnly() {
    return new RpcAccess(List.of(), List.of());
  }

  /** The host allowlist of a node at {@code ownAddress}: loopback, itself, then {@code extra}. */
  static List<String> hostAllowlist(String ownAddress, List<String> extra) {
    List<String> out = new ArrayList<>(List.of("localhost", "127.0.0.1", ownAddress));
    for (String h : extra) {
      if (!out.contains(h)) {
        out.add(h);
      }
    }
    return out;
  }
}

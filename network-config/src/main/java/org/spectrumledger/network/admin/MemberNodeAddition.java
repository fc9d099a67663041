package org.spectrumledger.network.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.spectrumledger.network.compose.ComposeFile;
import org.spectrumledger.network.generate.GenerateOptions;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.NetworkManifest;
import org.spectrumledger.network.monitoring.MonitoringFiles;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.Enode;
import org.spectrumledger.network.node.NodeRole;
import org.spectrumledger.network.node.NodeSpec;
import org.spectrumledger.network.node.RpcAccess;

/**
 * Adds a member node to a generated network: a new node key, its directory (configuration like the
 * generated members', the genesis, the network's JWT public key), its enode (and an account its
 * organisation holds, if given) in every node's allowlists, {@code network.json}, and on one Docker
 * host the Compose file and Prometheus' targets. The running nodes then reload their allowlists
 * ({@link PermissionReload}).
 */
public final class MemberNodeAddition {

  /** The first member JSON-RPC port on the host's loopback, as {@code generate} numbers them. */
  static final int MEMBER_RPC_PORT_BASE = 22_000;

  /**
   * What to add.
   *
   * @param name the node's name, or null for the next {@code memberN}
   * @param host its IPv4 address; null on one Docker host (the next free one on the bridge),
   *     required for nodes on machines of their own
   * @param account an account to allowlist with it (its organisation's own key), or null
   */
  public record Request(String name, String host, Address account) {}

  /**
   * The node to add, decided before anything is written.
   *
   * @param name its name
   * @param host its address (its enode host)
   * @param rpcPort where its JSON-RPC is published on the Docker host's loopback
   * @param account the account allowlisted with it, or null
   */
  public record Plan(String name, String host, int rpcPort, Address account) {}

  private MemberNodeAddition() {}

  /** Decides the new node's name, address and port; writes nothing. */
  public static Plan plan(NetworkDirectory net, Request request) {
    Set<String> names = new HashSet<>(net.names());
    String name = request.name();
    if (name == null) {
      int i = 1;
      while (names.contains("member" + i)) {
        i++;
      }
      name = "member" + i;
    } else if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "--name takes lowercase letters, digits and dashes, starting with a letter: '"
              + name
              + "'");
    } else if (names.contains(name)) {
      throw new IllegalArgumentException("the network already has a node '" + name + "'");
    }
    Set<String> hosts = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (NetworkManifest.Node n : net.manifest().nodes()) {
      hosts.add(Enode.parse(n.enode()).host());
      ports.add(n.rpcPort());
    }
    String host;
    if (request.host() != null) {
      try {
        host = Enode.requireIpv4(request.host());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--host takes the node's IPv4 address: " + e.getMessage(), e);
      }
      if (hosts.contains(host)) {
        throw new IllegalArgumentException("another node already has the address " + host);
      }
    } else if (net.oneHost()) {
      host = nextFreeAddress(net, hosts);
    } else {
      throw new IllegalArgumentException(
          "the nodes of this network run on machines of their own: give the new node's --host");
    }
    int port = MEMBER_RPC_PORT_BASE + 1;
    while (ports.contains(port)) {
      port++;
    }
    if (request.account() != null
        && net.manifest().accounts().values().stream()
            .anyMatch(a -> a.address().equals(request.account()))) {
      throw new IllegalArgumentException(
          request.account().checksummed() + " already is an account of this network");
    }
    NodeSpec.requireName(name);
    return new Plan(name, host, port, request.account());
  }

  /** The dry-run lines for {@code plan}. */
  public static List<String> describe(NetworkDirectory net, Plan plan) {
    List<String> lines = new ArrayList<>();
    Path nodeDir = net.nodeDir(plan.name());
    lines.add("make a new node key for " + plan.name() + " (enode host " + plan.host() + ")");
    lines.add(
        "write "
            + nodeDir
            + "/ (rwx------): key (rw-------), key.pub, address, config.toml (member), genesis.json,"
            + " rpc-jwt-public.pem, permissions_config.toml");
    for (String n : net.names()) {
      lines.add(
          "add its enode"
              + (plan.account() == null ? "" : " and " + plan.account().hex())
              + " to nodes/"
              + n
              + "/permissions_config.toml");
    }
    lines.add("add " + plan.name() + " to network.json");
    if (net.oneHost()) {
      lines.add(
          "rewrite docker-compose.yml ("
              + plan.name()
              + " published on 127.0.0.1:"
              + plan.rpcPort()
              + ") and monitoring/prometheus/targets/besu.json");
    }
    return lines;
  }

  /** Writes the new node and every change; returns the new node. */
  public static NodeSpec apply(NetworkDirectory net, Plan plan, SecureRandom random) {
    NetworkManifest m = net.manifest();
    SigningKey key = SigningKey.random(random);
    NodeSpec node =
        new NodeSpec(
            plan.name(),
            NodeRole.MEMBER,
            key.address(),
            new Enode(Enode.nodeIdOf(key), plan.host(), BesuNodeConfig.P2P_PORT),
            plan.rpcPort());
    List<Enode> validators =
        net.nodes(NodeRole.VALIDATOR).stream().map(n -> Enode.parse(n.enode())).toList();
    Path firstNode = net.nodeDir(m.nodes().get(0).name());
    NetworkGenerator.writeNodeDirectory(
        net.dir(),
        node,
        key,
        validators,
        m.gasLimit(),
        m.chainId(),
        RpcAccess.localOnly(),
        read(net.dir().resolve(BesuNodeConfig.GENESIS_FILE)),
        read(firstNode.resolve(BesuNodeConfig.JWT_PUBLIC_KEY_FILE)));
    List<Path> existing = net.names().stream().map(net::nodeDir).toList();
    Allowlists joined = Allowlists.read(firstNode).withNode(node.enode().url());
    if (plan.account() != null) {
      joined = joined.withAccount(plan.account().hex());
    }
    joined.write(net.nodeDir(node.name()));
    Allowlists.update(
        existing,
        a -> {
          Allowlists b = a.withNode(node.enode().url());
          return plan.account() == null ? b : b.withAccount(plan.account().hex());
        });
    NetworkManifest updated =
        m.withNode(
            new NetworkManifest.Node(
                node.name(),
                NodeRole.MEMBER.label(),
                node.address(),
                node.enode().url(),
                plan.rpcPort()));
    if (plan.account() != null) {
      updated = updated.withAccount(node.name(), new NetworkManifest.Account(plan.account(), null));
    }
    updated.write(net.dir());
    NetworkDirectory after = new NetworkDirectory(net.dir(), updated);
    if (net.oneHost()) {
      List<NodeSpec> specs = after.nodeSpecs();
      AtomicFiles.writeString(
          net.dir().resolve(NetworkDirectory.COMPOSE_FILE),
          ComposeFile.render(m.chainId(), subnetPrefix(plan.host()), specs),
          AtomicFiles.PUBLIC);
      MonitoringFiles.writeBesuTargets(net.dir(), specs);
    }
    return node;
  }

  private static String nextFreeAddress(NetworkDirectory net, Set<String> taken) {
    String prefix = subnetPrefix(Enode.parse(net.manifest().nodes().get(0).enode()).host());
    for (int i = GenerateOptions.FIRST_HOST; i <= GenerateOptions.LAST_HOST; i++) {
      if (!taken.contains(prefix + "." + i)) {
        return prefix + "." + i;
      }
    }
    throw new IllegalArgumentException("no free address left on " + prefix + ".0/24");
  }

  private static String subnetPrefix(String address) {
    return address.substring(0, address.lastIndexOf('.'));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}

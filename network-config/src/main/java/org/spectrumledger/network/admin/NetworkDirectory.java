package org.spectrumledger.network.admin;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.network.generate.NetworkManifest;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.Enode;
import org.spectrumledger.network.node.NodeRole;
import org.spectrumledger.network.node.NodeSpec;

/**
 * A generated network directory as its administrators use it: the manifest, where each node's
 * directory is, and where its JSON-RPC answers. On one Docker host (a Compose file beside the
 * manifest) a node answers on the host's loopback at its published port; on machines of their own,
 * at its own address.
 *
 * @param dir the network directory
 * @param manifest its {@code network.json}
 */
public record NetworkDirectory(Path dir, NetworkManifest manifest) {

  public static final String COMPOSE_FILE = "docker-compose.yml";

  /** Reads {@code network.json} from {@code dir}. */
  public static NetworkDirectory open(Path dir) {
    return new NetworkDirectory(dir.toAbsolutePath().normalize(), NetworkManifest.read(dir));
  }

  /** Whether the whole network runs on this Docker host. */
  public boolean oneHost() {
    return Files.isRegularFile(dir.resolve(COMPOSE_FILE));
  }

  /** The node called {@code name}, or a clear error naming the nodes there are. */
  public NetworkManifest.Node node(String name) {
    return manifest.nodes().stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no node '"
                        + name
                        + "' in "
                        + dir.resolve(NetworkManifest.FILE)
                        + "; its nodes are "
                        + String.join(", ", names())));
  }

  /** The node whose key has {@code address}, if any. */
  public Optional<NetworkManifest.Node> nodeWithAddress(Address address) {
    return manifest.nodes().stream().filter(n -> n.address().equals(address)).findFirst();
  }

  public List<String> names() {
    return manifest.nodes().stream().map(NetworkManifest.Node::name).toList();
  }

  public List<NetworkManifest.Node> nodes(NodeRole role) {
    return manifest.nodes().stream().filter(n -> n.role().equals(role.label())).toList();
  }

  public Path nodeDir(String name) {
    return dir.resolve("nodes").resolve(name);
  }

  /** Where the administrator reaches {@code node}'s JSON-RPC. */
  public URI rpcUrl(NetworkManifest.Node node) {
    return URI.create(
        oneHost()
            ? "http://127.0.0.1:" + node.rpcPort()
            : "http://" + Enode.parse(node.enode()).host() + ":" + BesuNodeConfig.RPC_HTTP_PORT);
  }

  public NodeRpc.Target target(NetworkManifest.Node node) {
    return new NodeRpc.Target(node.name(), rpcUrl(node));
  }

  /** The manifest's nodes as the generator's specs (for the Compose file and the targets). */
  public List<NodeSpec> nodeSpecs() {
    return manifest.nodes().stream()
        .map(
            n ->
                new NodeSpec(
                    n.name(),
                    NodeRole.ofLabel(n.role()),
                    n.address(),
                    Enode.parse(n.enode()),
                    n.rpcPort()))
        .toList();
  }
}

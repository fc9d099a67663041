package org.spectrumledger.network.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.NetworkManifest;
import org.spectrumledger.network.generate.TestOptions;

/**
 * A generated one-host network whose nodes are {@link FakeBesu} servers: network.json's ports point
 * at them. The fake chain holds one validator set that a vote changes once more than half of the
 * validators proposed it, as QBFT does.
 */
final class FakeNetwork implements AutoCloseable {

  static final char[] PASSWORD = "fake-network".toCharArray();

  final Path dir;
  final List<FakeBesu.Call> calls = FakeBesu.newCallLog();
  final Map<String, FakeBesu> nodes = new LinkedHashMap<>();
  final List<Address> validators = new ArrayList<>();
  private final Map<String, Set<String>> votes = new HashMap<>();

  FakeNetwork(Path tmp, int validatorCount, int members) throws Exception {
    dir = tmp.resolve("net");
    NetworkManifest m =
        new NetworkGenerator(new SecureRandom(), 1_750_000_000L)
            .generate(TestOptions.of(validatorCount, members, null), dir, PASSWORD, false)
            .manifest();
    List<NetworkManifest.Node> moved = new ArrayList<>();
    for (NetworkManifest.Node n : m.nodes()) {
      FakeBesu fake =
          new FakeBesu(n.name(), dir.resolve("nodes").resolve(n.name()), calls, this::answer);
      nodes.put(n.name(), fake);
      moved.add(new NetworkManifest.Node(n.name(), n.role(), n.address(), n.enode(), fake.port()));
      if (n.role().equals("validator")) {
        validators.add(n.address());
      }
    }
    m.with(moved, m.accounts()).write(dir);
  }

  NetworkManifest manifest() {
    return NetworkManifest.read(dir);
  }

  NetworkManifest.Node node(String name) {
    return manifest().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  /** Stops a node's server, as if it were down. */
  void stop(String name) {
    nodes.get(name).close();
  }

  List<FakeBesu.Call> calls(String method) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.method().equals(method)).toList();
    }
  }

  private synchronized JsonNode answer(FakeBesu.Call call) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (call.method()) {
      case "eth_blockNumber" -> new TextNode("0x" + Long.toHexString(100 + call.node().length()));
      case "net_peerCount" -> new TextNode("0x" + Integer.toHexString(nodes.size() - 1));
      case "qbft_getValidatorsByBlockNumber" -> {
        ArrayNode a = f.arrayNode();
        validators.forEach(v -> a.add(v.hex()));
        yield a;
      }
      case "qbft_proposeValidatorVote" -> {
        Address who = Address.of(call.params().get(0).asText());
        boolean add = call.params().get(1).asBoolean();
        Set<String> voters = votes.computeIfAbsent(who.hex() + add, k -> new HashSet<>());
        voters.add(call.node());
        if (voters.size() > validators.size() / 2) {
          if (add && !validators.contains(who)) {
            validators.add(who);
          } else if (!add) {
            validators.remove(who);
          }
        }
        yield f.booleanNode(true);
      }
      case "qbft_discardValidatorVote" -> f.booleanNode(true);
      case "perm_reloadPermissionsFromFile" -> new TextNode("Success");
      default -> null;
    };
  }

  @Override
  public void close() {
    nodes.values().forEach(FakeBesu::close);
  }
}

package org.spectrumledger.network.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftExtraData;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.network.keys.KeyFiles;
import org.spectrumledger.network.monitoring.ScrapeTargets;
import org.spectrumledger.network.node.Enode;
import org.spectrumledger.network.node.RpcAccess;

/**
 * A generated four-validator network with one member, read back the way Besu and Docker would read
 * it: JSON, TOML and YAML parsers, the key files, the keystores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkGeneratorTest {

  static final char[] PASSWORD = "test-password".toCharArray();

  Path tmp;
  Path dir;
  NetworkManifest manifest;
  JsonNode genesis;
  final ObjectMapper json = new ObjectMapper();
  final TomlMapper toml = new TomlMapper();

  static GenerateOptions options(int validators, int members, List<String> hosts) {
    return TestOptions.of(validators, members, hosts);
  }

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  @BeforeAll
  void generate(@TempDir Path classDir) throws Exception {
    tmp = classDir;
    dir = tmp.resolve("net");
    NetworkGenerator.Result result =
        new NetworkGenerator(seeded(2018), 1_700_000_000L)
            .generate(options(4, 1, null), dir, PASSWORD, false);
    manifest = result.manifest();
    genesis = json.readTree(dir.resolve("genesis.json").toFile());
  }

  List<NetworkManifest.Node> validators() {
    return manifest.nodes().stream().filter(n -> n.role().equals("validator")).toList();
  }

  @Test
  void writesTheQuickstartLayout() {
    assertThat(dir.resolve("genesis.json")).isRegularFile();
    assertThat(dir.resolve("network.json")).isRegularFile();
    assertThat(dir.resolve("docker-compose.yml")).isRegularFile();
    assertThat(dir.resolve("start.sh")).isExecutable();
    assertThat(dir.resolve("stop.sh")).isExecutable();
    assertThat(manifest.nodes())
        .extracting(NetworkManifest.Node::name)
        .containsExactly(
            "validator1",
            "validator2",
            "validator3",
            "validator4",
            "rpcnode",
            "member1",
            "explorernode");
    for (NetworkManifest.Node n : manifest.nodes()) {
      Path nodeDir = dir.resolve("nodes").resolve(n.name());
      for (String f :
          List.of(
              "key",
              "key.pub",
              "address",
              "config.toml",
              "permissions_config.toml",
              "genesis.json",
              "rpc-jwt-public.pem")) {
        assertThat(nodeDir.resolve(f)).as(n.name() + "/" + f).isRegularFile();
      }
    }
    assertThat(manifest.accounts()).containsOnlyKeys("admin", "regulator", "broker", "member1");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(".")).toList())
          .as("no staging directory is left beside the network")
          .isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void extraDataDecodesToTheValidatorsWhoseKeysWereWrittenInAscendingOrder() {
    List<Address> fromExtraData =
        QbftExtraData.decodeValidators(genesis.path("extraData").asText());
    List<Address> fromKeys = new ArrayList<>();
    for (NetworkManifest.Node v : validators()) {
      fromKeys.add(KeyFiles.read(dir.resolve("nodes").resolve(v.name())).address());
    }
    assertThat(fromExtraData).containsExactlyElementsOf(fromKeys);
    assertThat(fromExtraData).isSorted().hasSize(4);
    assertThat(QbftExtraData.encode(fromKeys)).isEqualTo(genesis.path("extraData").asText());
  }

  @Test
  void enodeIdsAndAddressesDeriveFromEachNodesKeyFile() throws Exception {
    for (NetworkManifest.Node n : manifest.nodes()) {
      Path nodeDir = dir.resolve("nodes").resolve(n.name());
      SigningKey key = KeyFiles.read(nodeDir);
      Enode enode = Enode.parse(n.enode());
      assertThat(enode.nodeId()).isEqualTo(Enode.nodeIdOf(key));
      assertThat(Files.readString(nodeDir.resolve("key.pub"))).isEqualTo("0x" + enode.nodeId());
      assertThat(n.address()).isEqualTo(key.address());
      assertThat(Files.readString(nodeDir.resolve("address"))).isEqualTo(key.address().hex());
      assertThat(enode.port()).isEqualTo(30303);
    }
    assertThat(manifest.nodes())
        .extracting(n -> Enode.parse(n.enode()).host())
        .containsExactly(
            "172.16.240.11",
            "172.16.240.12",
            "172.16.240.13",
            "172.16.240.14",
            "172.16.240.15",
            "172.16.240.16",
            "172.16.240.17");
  }

  @Test
  void genesisHoldsWhatBesuExpects() throws Exception {
    JsonNode config = genesis.path("config");
    assertThat(config.path("chainId").asLong()).isEqualTo(2018);
    assertThat(config.path("qbft").path("blockperiodseconds").asInt()).isEqualTo(2);
    assertThat(config.path("qbft").path("requesttimeoutseconds").asInt()).isEqualTo(4);
    assertThat(config.path("qbft").path("epochlength").asInt()).isEqualTo(30_000);
    assertThat(config.path("zeroBaseFee").asBoolean()).isTrue();
    assertThat(config.path("cancunTime").asLong(-1)).isZero();
    assertThat(config.path("londonBlock").asLong(-1)).isZero();
    assertThat(config.has("pragueTime")).isFalse();
    assertThat(config.path("contractSizeLimit").asInt()).isEqualTo(24_576);
    assertThat(Long.decode(genesis.path("gasLimit").asText())).isEqualTo(100_000_000L);
    for (NetworkManifest.Account a : manifest.accounts().values()) {
      assertThat(genesis.path("alloc").has(a.address().hex().substring(2))).isTrue();
    }
    for (NetworkManifest.Node n : manifest.nodes()) {
      assertThat(
              json.readTree(
                  dir.resolve("nodes").resolve(n.name()).resolve("genesis.json").toFile()))
          .as("every node carries the same genesis")
          .isEqualTo(genesis);
    }
  }

  @Test
  void everyConfigTomlParsesAndHoldsWhatBesuExpects() throws Exception {
    List<String> validatorEnodes = validators().stream().map(NetworkManifest.Node::enode).toList();
    for (NetworkManifest.Node n : manifest.nodes()) {
      Path nodeDir = dir.resolve("nodes").resolve(n.name());
      JsonNode c = toml.readTree(nodeDir.resolve("config.toml").toFile());
      assertThat(c.path("min-gas-price").asInt(-1)).isZero();
      assertThat(c.path("revert-reason-enabled").asBoolean()).isTrue();
      assertThat(c.path("rpc-http-enabled").asBoolean()).isTrue();
      assertThat(c.path("target-gas-limit").asLong()).isEqualTo(100_000_000L);
      assertThat(c.path("p2p-host").asText()).isEqualTo(Enode.parse(n.enode()).host());
      assertThat(c.path("p2p-port").asInt()).isEqualTo(Enode.parse(n.enode()).port());
      assertThat(strings(c.path("rpc-http-api"))).contains("ETH", "NET", "WEB3", "QBFT");
      assertThat(c.path("permissions-nodes-config-file-enabled").asBoolean()).isTrue();
      assertThat(c.path("permissions-accounts-config-file-enabled").asBoolean()).isTrue();
      for (String pathKey :
          List.of(
              "genesis-file",
              "node-private-key-file",
              "permissions-nodes-config-file",
              "permissions-accounts-config-file",
              "rpc-http-authentication-jwt-public-key-file")) {
        assertThat(nodeDir.resolve(c.path(pathKey).asText())).as(pathKey).isRegularFile();
      }
      List<String> expectedBootnodes =
          validatorEnodes.stream().filter(e -> !e.equals(n.enode())).toList();
      assertThat(strings(c.path("bootnodes"))).containsExactlyElementsOf(expectedBootnodes);
    }
    JsonNode explorer = toml.readTree(dir.resolve("nodes/explorernode/config.toml").toFile());
    assertThat(strings(explorer.path("rpc-http-api"))).contains("DEBUG", "TRACE");
    assertThat(explorer.path("data-storage-format").asText()).isEqualTo("FOREST");
    JsonNode rpc = toml.readTree(dir.resolve("nodes/rpcnode/config.toml").toFile());
    assertThat(rpc.path("rpc-ws-enabled").asBoolean()).isTrue();
  }

  @Test
  void allowlistsNameEveryNodeAndEveryLedgerAccount() throws Exception {
    JsonNode p = toml.readTree(dir.resolve("nodes/validator1/permissions_config.toml").toFile());
    assertThat(strings(p.path("nodes-allowlist")))
        .containsExactlyElementsOf(
            manifest.nodes().stream().map(NetworkManifest.Node::enode).toList());
    assertThat(strings(p.path("accounts-allowlist")))
        .containsExactlyInAnyOrderElementsOf(
            manifest.accounts().values().stream().map(a -> a.address().hex()).toList());
    for (NetworkManifest.Node n : manifest.nodes()) {
      assertThat(
              Files.readString(
                  dir.resolve("nodes").resolve(n.name()).resolve("permissions_config.toml")))
          .isEqualTo(Files.readString(dir.resolve("nodes/validator1/permissions_config.toml")));
    }
  }

  @Test
  void composeFileRunsEveryNodeOnItsEnodeAddressAndBlockscoutOnTheExplorerNode() throws Exception {
    JsonNode compose = new YAMLMapper().readTree(dir.resolve("docker-compose.yml").toFile());
    JsonNode services = compose.path("services");
    for (NetworkManifest.Node n : manifest.nodes()) {
      JsonNode s = withMergeKey(services.path(n.name()), compose.path("x-besu"));
      assertThat(s.isObject()).as(n.name()).isTrue();
      assertThat(s.path("image").asText()).startsWith("hyperledger/besu:");
      assertThat(s.path("networks").path("spectrum").path("ipv4_address").asText())
          .isEqualTo(Enode.parse(n.enode()).host());
      assertThat(strings(s.path("volumes")))
          .containsExactly("./nodes/" + n.name() + ":/opt/besu/node");
      assertThat(strings(s.path("command"))).containsExactly("--config-file=config.toml");
    }
    assertThat(strings(services.path("rpcnode").path("ports"))).contains("8545:8545");
    assertThat(strings(services.path("validator1").path("ports")))
        .containsExactly("127.0.0.1:21001:8545");
    JsonNode blockscout = services.path("blockscout");
    assertThat(blockscout.path("environment").path("ETHEREUM_JSONRPC_VARIANT").asText())
        .isEqualTo("besu");
    assertThat(blockscout.path("environment").path("ETHEREUM_JSONRPC_HTTP_URL").asText())
        .isEqualTo("http://172.16.240.17:8545/");
    assertThat(blockscout.path("environment").path("ETHEREUM_JSONRPC_TRACE_URL").asText())
        .isEqualTo("http://172.16.240.17:8545/");
    assertThat(blockscout.path("environment").path("CHAIN_ID").asText()).isEqualTo("2018");
    assertThat(services.has("blockscout-db")).isTrue();
    assertThat(
            compose
                .path("networks")
                .path("spectrum")
                .path("ipam")
                .path("config")
                .get(0)
                .path("subnet")
                .asText())
        .isEqualTo("172.16.240.0/24");
  }

  @Test
  void accountKeystoresOpenWithThePasswordAndMatchNetworkJson() {
    for (var e : manifest.accounts().entrySet()) {
      Path file = dir.resolve(e.getValue().keystore());
      assertThat(Keystore.read(file, PASSWORD).address())
          .as(e.getKey())
          .isEqualTo(e.getValue().address());
    }
    assertThat(NetworkManifest.read(dir)).isEqualTo(manifest);
  }

  @Test
  void refusesAnExistingDirectoryAndReplacesItOnlyWhenAsked() throws Exception {
    Path out = tmp.resolve("again");
    NetworkGenerator g = new NetworkGenerator(new SecureRandom(), 0);
    NetworkManifest first = g.generate(options(1, 0, null), out, PASSWORD, false).manifest();
    assertThatThrownBy(() -> g.generate(options(1, 0, null), out, PASSWORD, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("--force");
    assertThat(NetworkManifest.read(out)).isEqualTo(first);
    NetworkManifest second = g.generate(options(1, 0, null), out, PASSWORD, true).manifest();
    assertThat(NetworkManifest.read(out)).isEqualTo(second);
    assertThat(second.nodes().get(0).address()).isNotEqualTo(first.nodes().get(0).address());
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(".")).toList())
          .as("no staging or replaced directory is left behind")
          .isEmpty();
    }
  }

  @Test
  void theSameSeedGivesTheSameNetwork() throws Exception {
    Path a = tmp.resolve("seeded-a");
    Path b = tmp.resolve("seeded-b");
    new NetworkGenerator(seeded(99), 5).generate(options(4, 0, null), a, PASSWORD, false);
    new NetworkGenerator(seeded(99), 5).generate(options(4, 0, null), b, PASSWORD, false);
    assertThat(Files.readString(a.resolve("genesis.json")))
        .isEqualTo(Files.readString(b.resolve("genesis.json")));
    assertThat(Files.readString(a.resolve("network.json")))
        .isEqualTo(Files.readString(b.resolve("network.json")));
  }

  @Test
  void nodesOnMachinesOfTheirOwnUseTheGivenHostsAndGetNoComposeFile() throws Exception {
    Path out = tmp.resolve("machines");
    List<String> hosts = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.9");
    NetworkManifest m =
        new NetworkGenerator(new SecureRandom(), 0)
            .generate(options(4, 0, hosts), out, PASSWORD, false)
            .manifest();
    assertThat(m.nodes())
        .extracting(n -> Enode.parse(n.enode()).host())
        .containsExactlyElementsOf(hosts);
    assertThat(m.rpcUrl()).isEqualTo("http://10.0.0.9:8545");
    assertThat(out.resolve("docker-compose.yml")).doesNotExist();
    assertThat(
            toml.readTree(out.resolve("nodes/validator2/config.toml").toFile())
                .path("p2p-host")
                .asText())
        .isEqualTo("10.0.0.2");
    assertThatThrownBy(() -> options(4, 0, List.of("10.0.0.1")))
        .hasMessageContaining("one address a node");
    assertThatThrownBy(() -> options(1, 0, List.of("10.0.0.1", "myhost")))
        .hasMessageContaining("--hosts takes IPv4 addresses")
        .hasMessageContaining("not an IPv4 address: 'myhost'");
  }

  @Test
  void refusesAListOptionNamingAnItemTwice() {
    assertThatThrownBy(
            () ->
                options(4, 0, List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.1", "10.0.0.9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--hosts lists '10.0.0.1' twice: give each one once");
    assertThatThrownBy(
            () -> new RpcAccess(List.of(), List.of("https://a.example", "https://A.example")))
        .hasMessageContaining("--rpc-cors-origin lists");
    assertThatThrownBy(() -> new RpcAccess(List.of("a.example", ""), List.of()))
        .hasMessageContaining("--rpc-host")
        .hasMessageContaining("one is empty");
    assertThatThrownBy(() -> new ScrapeTargets(null, List.of("127.0.0.1:9101", "127.0.0.1:9101")))
        .hasMessageContaining("--operator-metrics lists '127.0.0.1:9101' twice");
  }

  /**
   * Applies the merge key {@code <<: *besu} as Docker Compose does; Jackson's tree keeps the alias
   * as its name, so the anchored {@code x-besu} block is passed in.
   */
  private static JsonNode withMergeKey(JsonNode service, JsonNode besuAnchor) {
    if (!service.has("<<")) {
      return service;
    }
    JsonNode merge = service.get("<<");
    JsonNode base = merge.isObject() ? merge : besuAnchor;
    assertThat(merge.isObject() || merge.asText().equals("besu")).isTrue();
    com.fasterxml.jackson.databind.node.ObjectNode merged =
        ((com.fasterxml.jackson.databind.node.ObjectNode) base).deepCopy();
    service
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("<<")) {
                merged.set(e.getKey(), e.getValue());
              }
            });
    return merged;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}

package org.spectrumledger.network.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.network.auth.Jwt;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.monitoring.ScrapeTargets;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.Enode;
import org.spectrumledger.network.node.RpcAccess;

/**
 * The generated network read as a security reviewer would, with the parsers Besu and Docker use
 * (TOML, YAML, JSON): for every node of every role, on one Docker host and on machines of their
 * own, no administrative namespace is served to an unauthenticated non-loopback interface, no
 * allowlist is a wildcard, every image is pinned, secrets are owner-only and never on a command
 * line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkSecurityTest {

  private static final char[] PASSWORD = "security-review".toCharArray();
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  private final TomlMapper toml = new TomlMapper();
  private final YAMLMapper yaml = new YAMLMapper();

  Path oneHost;
  Path machines;
  NetworkManifest oneHostManifest;
  NetworkManifest machinesManifest;

  @BeforeAll
  void generate(@TempDir Path tmp) throws Exception {
    GenerateOptions docker =
        TestOptions.of(
            61_820,
            4,
            2,
            null,
            new RpcAccess(List.of("rpc.example.org"), List.of("https://explorer.example.org")),
            new ScrapeTargets(List.of("127.0.0.1:8080"), List.of("127.0.0.1:9101")));
    oneHost = tmp.resolve("one-host");
    oneHostManifest =
        new NetworkGenerator(NetworkGeneratorTest.seeded(17), Instant.now().getEpochSecond())
            .generate(docker, oneHost, PASSWORD, false)
            .manifest();
    GenerateOptions spread =
        TestOptions.of(
            61_821,
            4,
            1,
            List.of("10.0.1.11", "10.0.1.12", "10.0.1.13", "10.0.1.14", "10.0.1.20", "10.0.2.11"),
            null,
            null);
    machines = tmp.resolve("machines");
    machinesManifest =
        new NetworkGenerator(NetworkGeneratorTest.seeded(18), Instant.now().getEpochSecond())
            .generate(spread, machines, PASSWORD, false)
            .manifest();
  }

  private List<Path> nodeDirs(Path network, NetworkManifest m) {
    return m.nodes().stream().map(n -> network.resolve("nodes").resolve(n.name())).toList();
  }

  @Test
  void everyRoleIsGeneratedOnOneHostAndTheExplorerNodeOnlyThere() {
    assertThat(oneHostManifest.nodes())
        .extracting(NetworkManifest.Node::role)
        .contains("validator", "rpc", "member", "explorer");
    assertThat(machinesManifest.nodes())
        .extracting(NetworkManifest.Node::role)
        .contains("validator", "rpc", "member")
        .doesNotContain("explorer");
  }

  @Test
  void noAdministrativeNamespaceIsServedUnauthenticatedBeyondLoopback() throws Exception {
    for (var network :
        List.of(Map.entry(oneHost, oneHostManifest), Map.entry(machines, machinesManifest))) {
      RSAPublicKey admin =
          RpcJwtKey.read(network.getKey().resolve(NetworkGenerator.JWT_PRIVATE_KEY)).publicKey();
      for (Path nodeDir : nodeDirs(network.getKey(), network.getValue())) {
        String node = nodeDir.getFileName().toString();
        JsonNode c = toml.readTree(nodeDir.resolve("config.toml").toFile());
        for (String transport : List.of("http", "ws")) {
          if (!c.path("rpc-" + transport + "-enabled").asBoolean(false)) {
            continue;
          }
          List<String> apis = strings(c.path("rpc-" + transport + "-api"));
          boolean loopback = LOOPBACK.contains(c.path("rpc-" + transport + "-host").asText());
          boolean authenticated =
              c.path("rpc-" + transport + "-authentication-enabled").asBoolean(false);
          List<String> admin_ =
              apis.stream().filter(BesuNodeConfig.ADMIN_NAMESPACES::contains).toList();
          assertThat(admin_.isEmpty() || loopback || authenticated)
              .as("%s serves %s over %s unauthenticated beyond loopback", node, admin_, transport)
              .isTrue();
          if (authenticated) {
            Path pem =
                nodeDir.resolve(
                    c.path("rpc-" + transport + "-authentication-jwt-public-key-file").asText());
            assertThat(Jwt.publicKey(pem))
                .as("%s trusts the network's own signing key", node)
                .isEqualTo(admin);
          }
        }
        assertThat(strings(c.path("rpc-http-api")))
            .as(node)
            .doesNotContain("MINER", "PLUGINS", "TXPOOL");
        for (String method : strings(c.path("rpc-http-api-methods-no-auth"))) {
          String namespace = method.substring(0, method.indexOf('_')).toUpperCase();
          assertThat(BesuNodeConfig.PUBLIC_NAMESPACES)
              .as("%s lets %s through without a token", node, method)
              .contains(namespace);
        }
        assertThat(c.path("graphql-http-enabled").asBoolean(false)).as(node).isFalse();
      }
    }
  }

  @Test
  void theNodesClientsUseServeWhatTheLedgerClientCallsWithoutAToken() throws Exception {
    // the JSON-RPC methods ledger-client sends through web3j for deploying, settling and reading
    List<String> ledgerClientCalls =
        List.of(
            "eth_chainId",
            "eth_blockNumber",
            "eth_getBlockByNumber",
            "eth_getTransactionCount",
            "eth_sendRawTransaction",
            "eth_getTransactionReceipt",
            "eth_getTransactionByHash",
            "eth_call",
            "eth_estimateGas",
            "eth_getLogs",
            "eth_getCode",
            "eth_maxPriorityFeePerGas",
            "net_version");
    for (NetworkManifest.Node n : oneHostManifest.nodes()) {
      JsonNode c = toml.readTree(oneHost.resolve("nodes/" + n.name() + "/config.toml").toFile());
      List<String> open = strings(c.path("rpc-http-api-methods-no-auth"));
      if (n.role().equals("rpc") || n.role().equals("member")) {
        assertThat(open).as(n.name()).containsAll(ledgerClientCalls);
      } else {
        assertThat(open).as(n.name() + " is for administrators only").isEmpty();
      }
    }
  }

  @Test
  void hostAllowlistsAndCorsOriginsAreNeverWildcards() throws Exception {
    for (var network :
        List.of(Map.entry(oneHost, oneHostManifest), Map.entry(machines, machinesManifest))) {
      for (NetworkManifest.Node n : network.getValue().nodes()) {
        JsonNode c =
            toml.readTree(network.getKey().resolve("nodes/" + n.name() + "/config.toml").toFile());
        List<String> hosts = strings(c.path("host-allowlist"));
        assertThat(hosts).as(n.name()).isNotEmpty().doesNotContain("*", "all");
        assertThat(hosts).as(n.name()).contains(Enode.parse(n.enode()).host());
        assertThat(strings(c.path("rpc-http-cors-origins")))
            .as(n.name())
            .doesNotContain("*", "all");
        if (!n.role().equals("rpc")) {
          assertThat(c.has("rpc-http-cors-origins")).as(n.name()).isFalse();
        }
      }
    }
    JsonNode rpc = toml.readTree(oneHost.resolve("nodes/rpcnode/config.toml").toFile());
    assertThat(strings(rpc.path("host-allowlist"))).contains("rpc.example.org");
    assertThat(strings(rpc.path("rpc-http-cors-origins")))
        .containsExactly("https://explorer.example.org");
  }

  @Test
  void onlyThePublicRpcNodeAndTheExplorerAreReachableBeyondTheHostsLoopback() throws Exception {
    JsonNode services = compose().path("services");
    List<String> published = new ArrayList<>();
    services
        .properties()
        .forEach(
            e -> {
              for (String port : strings(e.getValue().path("ports"))) {
                if (!port.startsWith("127.0.0.1:")) {
                  published.add(e.getKey());
                }
              }
              assertThat(e.getValue().path("network_mode").asText(""))
                  .as(e.getKey())
                  .isIn("", "host");
            });
    assertThat(published)
        .containsOnly("rpcnode", "blockscout", "blockscout-frontend")
        .contains("rpcnode");
    for (String hostNetworked : List.of("prometheus", "grafana")) {
      assertThat(services.path(hostNetworked).path("network_mode").asText()).isEqualTo("host");
    }
    assertThat(strings(services.path("prometheus").path("command")))
        .contains("--web.listen-address=127.0.0.1:9090");
    assertThat(services.path("grafana").path("environment").path("GF_SERVER_HTTP_ADDR").asText())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void blockscoutReadsTracesFromTheExplorerNodeWithATokenThatCannotChangeIt() throws Exception {
    JsonNode env = compose().path("services").path("blockscout").path("environment");
    NetworkManifest.Node explorer =
        oneHostManifest.nodes().stream()
            .filter(n -> n.role().equals("explorer"))
            .findFirst()
            .orElseThrow();
    String explorerUrl = "http://" + Enode.parse(explorer.enode()).host() + ":8545/";
    assertThat(env.path("ETHEREUM_JSONRPC_TRACE_URL").asText()).isEqualTo(explorerUrl);
    assertThat(env.path("ETHEREUM_JSONRPC_HTTP_URL").asText()).isEqualTo(explorerUrl);
    assertThat(env.has("ETHEREUM_JSONRPC_WS_URL")).isFalse();
    JsonNode headers =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(resolve(env.path("ETHEREUM_JSONRPC_HTTP_HEADERS").asText(), dotEnv(oneHost)));
    String token = headers.path("Authorization").asText().replaceFirst("^Bearer ", "");
    JsonNode payload =
        Jwt.verifiedPayload(
            token, Jwt.publicKey(oneHost.resolve("nodes/explorernode/rpc-jwt-public.pem")));
    assertThat(payload).as("the explorer node accepts Blockscout's token").isNotNull();
    List<String> permissions = strings(payload.path("permissions"));
    assertThat(permissions).contains("trace:*", "debug:traceTransaction");
    assertThat(permissions)
        .doesNotContain("*:*", "debug:*", "admin:*", "perm:*", "qbft:*")
        .noneMatch(p -> p.startsWith("debug:set") || p.startsWith("debug:resync"));
    assertThat(payload.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    JsonNode explorerConfig =
        toml.readTree(oneHost.resolve("nodes/explorernode/config.toml").toFile());
    assertThat(strings(explorerConfig.path("rpc-http-api-methods-no-auth"))).isEmpty();
    assertThat(strings(compose().path("services").path("explorernode").path("ports")))
        .allMatch(p -> p.startsWith("127.0.0.1:"));
  }

  @Test
  void everyImageIsPinnedToAVersionThatDotEnvCanOverride() throws Exception {
    Map<String, String> env = dotEnv(oneHost);
    Pattern reference = Pattern.compile("([^:]+(?::[0-9]+)?/?[^:]*):\\$\\{([A-Z_]+):-([^}]+)}");
    compose()
        .path("services")
        .properties()
        .forEach(
            e -> {
              String image =
                  e.getValue().has("image")
                      ? e.getValue().path("image").asText()
                      : compose().path("x-besu").path("image").asText();
              Matcher m = reference.matcher(image);
              assertThat(m.matches()).as("%s: %s", e.getKey(), image).isTrue();
              String version = m.group(3);
              assertThat(version)
                  .as(e.getKey())
                  .isNotIn("latest", "main", "master", "stable")
                  .matches("v?[0-9]+\\.[0-9]+.*");
              assertThat(env).as(".env pins %s", m.group(2)).containsEntry(m.group(2), version);
            });
  }

  @Test
  void keysAndSecretsAreOwnerOnlyAndEveryDirectoryIsPrivate() throws Exception {
    for (Path network : List.of(oneHost, machines)) {
      try (Stream<Path> all = Files.walk(network)) {
        for (Path p : all.toList()) {
          String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
          String rel = network.relativize(p).toString();
          if (Files.isDirectory(p)) {
            assertThat(mode).as("directory %s", rel).isEqualTo("rwx------");
          } else if (rel.endsWith("/key")
              || rel.startsWith("accounts/")
              || rel.startsWith("secrets/")
              || rel.equals(".env")) {
            assertThat(mode).as("secret %s", rel).isEqualTo("rw-------");
          } else {
            assertThat(mode.charAt(4) == '-' && mode.charAt(7) == '-')
                .as("%s (%s) is writable by its owner alone", rel, mode)
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void noSecretAppearsOnACommandLineOrInAFileThatIsNotASecret() throws Exception {
    List<String> secrets = new ArrayList<>();
    for (NetworkManifest.Node n : oneHostManifest.nodes()) {
      secrets.add(Files.readString(oneHost.resolve("nodes/" + n.name() + "/key")).strip());
    }
    String jwtPrivate = Files.readString(oneHost.resolve(NetworkGenerator.JWT_PRIVATE_KEY));
    secrets.add(jwtPrivate.lines().skip(1).findFirst().orElseThrow());
    secrets.add(dotEnv(oneHost).get("EXPLORER_RPC_TOKEN"));
    secrets.add(new String(PASSWORD));

    JsonNode services = compose().path("services");
    List<String> commandLines = new ArrayList<>(strings(compose().path("x-besu").path("command")));
    services
        .properties()
        .forEach(
            e -> {
              for (String key : List.of("command", "entrypoint")) {
                JsonNode v = e.getValue().path(key);
                commandLines.addAll(
                    v.isArray() ? strings(v) : v.isMissingNode() ? List.of() : List.of(v.asText()));
              }
            });
    assertThat(commandLines).isNotEmpty();
    for (String arg : commandLines) {
      assertThat(arg).as("no variable is expanded into a command line").doesNotContain("${");
      for (String secret : secrets) {
        assertThat(arg).doesNotContain(secret);
      }
    }
    List<Path> notSecret = new ArrayList<>();
    for (String f :
        List.of("docker-compose.yml", "start.sh", "stop.sh", "network.json", "genesis.json")) {
      notSecret.add(oneHost.resolve(f));
    }
    for (NetworkManifest.Node n : oneHostManifest.nodes()) {
      notSecret.add(oneHost.resolve("nodes/" + n.name() + "/config.toml"));
      notSecret.add(oneHost.resolve("nodes/" + n.name() + "/permissions_config.toml"));
    }
    for (Path p : notSecret) {
      String text = Files.readString(p);
      for (String secret : secrets) {
        assertThat(text).as(p.getFileName().toString()).doesNotContain(secret);
      }
    }
    for (String script : List.of("start.sh", "stop.sh")) {
      assertThat(Files.readString(oneHost.resolve(script)))
          .as("%s passes no secret as an argument", script)
          .doesNotContainPattern("--password[= ]|PASSWORD=\\S+ docker|-p \\$");
    }
  }

  private JsonNode compose() {
    try {
      return yaml.readTree(oneHost.resolve("docker-compose.yml").toFile());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Map<String, String> dotEnv(Path network) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(network.resolve(".env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return env;
  }

  /** Substitutes {@code ${NAME}} and {@code ${NAME:?message}} as Compose does. */
  private static String resolve(String value, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$\\{([A-Z_]+)(?::[?-][^}]*)?}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      assertThat(env).containsKey(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}

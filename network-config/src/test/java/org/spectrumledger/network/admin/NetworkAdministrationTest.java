package org.spectrumledger.network.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.network.auth.Jwt;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.cli.Cli;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.NetworkManifest;

/**
 * The administrative commands against a network of fake Besu nodes that check every token and
 * record every call: what is sent to whom, with which authorisation, and that a dry run sends
 * nothing and writes nothing.
 */
class NetworkAdministrationTest {

  @TempDir Path tmp;
  FakeNetwork net;
  final TomlMapper toml = new TomlMapper();

  @BeforeEach
  void start() throws Exception {
    net = new FakeNetwork(tmp, 4, 1);
  }

  @AfterEach
  void stop() {
    net.close();
  }

  private String dir() {
    return net.dir.toString();
  }

  @Test
  void addingAValidatorAsksEveryCurrentValidatorToVoteWithATokenForThatMethodAlone()
      throws Exception {
    Address member = net.node("member1").address();
    Cli.Run run = Cli.network("validator", "add", "--node", "member1", "--network", dir());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<FakeBesu.Call> votes = net.calls("qbft_proposeValidatorVote");
    assertThat(votes)
        .extracting(FakeBesu.Call::node)
        .containsExactlyInAnyOrder("validator1", "validator2", "validator3", "validator4");
    RpcJwtKey key = RpcJwtKey.read(net.dir.resolve(NetworkGenerator.JWT_PRIVATE_KEY));
    for (FakeBesu.Call c : votes) {
      assertThat(c.params().get(0).asText()).isEqualTo(member.hex());
      assertThat(c.params().get(1).asBoolean()).isTrue();
      JsonNode token =
          Jwt.verifiedPayload(c.authorization().substring("Bearer ".length()), key.publicKey());
      assertThat(token.path("permissions")).hasSize(1);
      assertThat(token.path("permissions").get(0).asText()).isEqualTo("qbft:proposeValidatorVote");
    }
    assertThat(net.calls).noneMatch(c -> c.node().equals("rpcnode") || c.node().equals("member1"));
    assertThat(run.out()).contains("validator1").contains("voted to add");
    assertThat(net.validators).contains(member);
  }

  @Test
  void waitingForAVoteSeesTheSetChangeAndDiscardsTheVotes() {
    Address v4 = net.node("validator4").address();
    Cli.Run run =
        Cli.network(
            "validator", "remove", "--node", "validator4", "--wait", "5", "--network", dir());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(net.validators).hasSize(3).doesNotContain(v4);
    assertThat(net.calls("qbft_discardValidatorVote"))
        .extracting(FakeBesu.Call::node)
        .containsExactlyInAnyOrder("validator1", "validator2", "validator3", "validator4");
    assertThat(run.out()).contains("is no longer a validator").contains("fewer than 4 validators");
  }

  @Test
  void aDryRunReadsNoKeySendsNothingAndWritesNothing() throws Exception {
    Map<String, String> before = snapshot(net.dir);
    Files.delete(net.dir.resolve(NetworkGenerator.JWT_PRIVATE_KEY));
    Map<String, String> withoutKey = snapshot(net.dir);

    List<Cli.Run> runs =
        List.of(
            Cli.network("validator", "add", "--node", "member1", "--dry-run", "--network", dir()),
            Cli.network("node", "add", "--dry-run", "--network", dir()),
            Cli.network(
                "revoke",
                "--account",
                net.manifest().account("broker").address().hex(),
                "--dry-run",
                "--network",
                dir()),
            Cli.network("allowlist", "reload", "--dry-run", "--network", dir()),
            Cli.network("backup", "--node", "validator1", "--dry-run", "--network", dir()));

    for (Cli.Run run : runs) {
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("dry run: nothing is sent");
    }
    assertThat(net.calls).isEmpty();
    assertThat(snapshot(net.dir)).isEqualTo(withoutKey);
    assertThat(before.keySet()).contains("secrets/rpc-admin-jwt.pem");
    assertThat(runs.get(0).out())
        .contains("qbft_proposeValidatorVote")
        .contains(net.node("member1").address().hex());
    assertThat(runs.get(1).out()).contains("member2").contains("perm_reloadPermissionsFromFile");
  }

  @Test
  void addingAMemberNodeWritesItsDirectoryAndEveryAllowlistThenReloadsEveryRunningNode()
      throws Exception {
    Address account = Address.of("0x0102030405060708090a0b0c0d0e0f1011121314");
    Cli.Run run = Cli.network("node", "add", "--account", account.hex(), "--network", dir());

    assertThat(run.exitCode()).as(run.err()).isZero();
    NetworkManifest m = net.manifest();
    NetworkManifest.Node added =
        m.nodes().stream().filter(n -> n.name().equals("member2")).findFirst().orElseThrow();
    assertThat(added.role()).isEqualTo("member");
    assertThat(m.accounts().get("member2").address()).isEqualTo(account);
    Path nodeDir = net.dir.resolve("nodes/member2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve("key"))))
        .isEqualTo("rw-------");
    JsonNode config = toml.readTree(nodeDir.resolve("config.toml").toFile());
    assertThat(config.path("rpc-http-authentication-enabled").asBoolean()).isTrue();
    assertThat(Files.readString(nodeDir.resolve("rpc-jwt-public.pem")))
        .isEqualTo(Files.readString(net.dir.resolve("nodes/validator1/rpc-jwt-public.pem")));
    for (NetworkManifest.Node n : m.nodes()) {
      JsonNode p =
          toml.readTree(net.dir.resolve("nodes/" + n.name() + "/permissions_config.toml").toFile());
      assertThat(strings(p.path("nodes-allowlist"))).as(n.name()).contains(added.enode());
      assertThat(strings(p.path("accounts-allowlist"))).as(n.name()).contains(account.hex());
    }
    JsonNode compose = new YAMLMapper().readTree(net.dir.resolve("docker-compose.yml").toFile());
    assertThat(
            compose
                .path("services")
                .path("member2")
                .path("networks")
                .path("spectrum")
                .path("ipv4_address")
                .asText())
        .isEqualTo(added.enode().replaceAll(".*@|:.*", ""));
    JsonNode targets =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(net.dir.resolve("monitoring/prometheus/targets/besu.json").toFile());
    assertThat(targets.findValuesAsText("node")).contains("member2");
    assertThat(net.calls("perm_reloadPermissionsFromFile"))
        .extracting(FakeBesu.Call::node)
        .containsExactlyInAnyOrderElementsOf(
            m.nodes().stream()
                .map(NetworkManifest.Node::name)
                .filter(n -> !n.equals("member2"))
                .toList());
  }

  @Test
  void revokingAnAccountTakesItOffEveryAllowlistAndReloadsButNeverTheAdmins() throws Exception {
    Address broker = net.manifest().account("broker").address();
    Cli.Run run = Cli.network("revoke", "--account", broker.hex(), "--network", dir());

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (NetworkManifest.Node n : net.manifest().nodes()) {
      JsonNode p =
          toml.readTree(net.dir.resolve("nodes/" + n.name() + "/permissions_config.toml").toFile());
      assertThat(strings(p.path("accounts-allowlist"))).as(n.name()).doesNotContain(broker.hex());
      assertThat(strings(p.path("nodes-allowlist")))
          .as(n.name())
          .hasSize(net.manifest().nodes().size());
    }
    assertThat(net.calls("perm_reloadPermissionsFromFile")).hasSize(net.manifest().nodes().size());

    Cli.Run again = Cli.network("revoke", "--account", broker.hex(), "--network", dir());
    assertThat(again.out()).contains("is on no node's allowlist");

    Cli.Run admin =
        Cli.network(
            "revoke",
            "--account",
            net.manifest().account("admin").address().hex(),
            "--network",
            dir());
    assertThat(admin.exitCode()).isEqualTo(2);
    assertThat(admin.err()).contains("admin account");
  }

  @Test
  void healthPrintsEveryNodesHeightPeersAndValidatorsByName() {
    Cli.Run run = Cli.network("health", "--network", dir());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .contains("node")
        .contains("block")
        .contains("peers")
        .contains("validators");
    for (NetworkManifest.Node n : net.manifest().nodes()) {
      String row =
          lines.stream().filter(l -> l.startsWith(n.name() + " ")).findFirst().orElseThrow();
      assertThat(row)
          .contains(Long.toString(100 + n.name().length()))
          .contains("4: validator1,validator2,validator3,validator4");
    }
    assertThat(net.calls).allMatch(c -> c.authorization().startsWith("Bearer "));
  }

  @Test
  void anUnreachableNodeIsReportedWithExitCode3AndTheOthersStillAnswer() {
    net.stop("member1");
    Cli.Run run = Cli.network("health", "--network", dir(), "--timeout", "2");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("DOWN").contains("validator1");
    assertThat(run.out())
        .as("the reason in words, not an exception's class name")
        .containsPattern("member1 at http://127.0.0.1:\\d+ is unreachable \\(connection refused\\)")
        .doesNotContain("ConnectException");
    assertThat(run.err()).contains("member1");

    net.stop("validator3");
    net.stop("validator4");
    Cli.Run vote = Cli.network("validator", "add", "--node", "member1", "--network", dir());
    assertThat(vote.exitCode()).isEqualTo(3);
    assertThat(vote.err()).contains("2 of 4 validators voted").contains("needs 3");
  }

  @Test
  void aWrongKeyAnUnknownNodeAndAnAbsentValidatorAreBadInputWithExitCode2() throws Exception {
    Path otherKey = tmp.resolve("other.pem");
    RpcJwtKey.generate(new SecureRandom()).writePrivate(otherKey);
    Cli.Run wrongKey = Cli.network("health", "--network", dir(), "--jwt-key", otherKey.toString());
    assertThat(wrongKey.exitCode()).isEqualTo(2);
    assertThat(wrongKey.err()).contains("refused the token (HTTP 401)");

    Cli.Run unknown = Cli.network("validator", "add", "--node", "validator9", "--network", dir());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no node 'validator9'").contains("validator1, validator2");

    Cli.Run absent = Cli.network("validator", "remove", "--node", "member1", "--network", dir());
    assertThat(absent.exitCode()).isEqualTo(2);
    assertThat(absent.err()).contains("is not a validator");
    assertThat(net.calls("qbft_proposeValidatorVote")).isEmpty();
  }

  @Test
  void aNewExplorerTokenReplacesTheOldOneInDotEnvAndKeepsTheOtherLines() throws Exception {
    Path env = net.dir.resolve(".env");
    Files.writeString(env, Files.readString(env) + "SPECTRUM_UID=1234\n");
    String before = Files.readString(env);
    Cli.Run dry = Cli.network("explorer-token", "--days", "10", "--dry-run", "--network", dir());
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(Files.readString(env)).isEqualTo(before);

    Cli.Run run = Cli.network("explorer-token", "--days", "10", "--network", dir());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(env);
    String token =
        lines.stream()
            .filter(l -> l.startsWith("EXPLORER_RPC_TOKEN="))
            .findFirst()
            .orElseThrow()
            .substring("EXPLORER_RPC_TOKEN=".length());
    assertThat(before).doesNotContain(token);
    assertThat(run.out()).doesNotContain(token);
    JsonNode payload =
        Jwt.verifiedPayload(
            token, Jwt.publicKey(net.dir.resolve("nodes/explorernode/rpc-jwt-public.pem")));
    assertThat(payload.path("exp").asLong() - payload.path("iat").asLong())
        .isEqualTo(10L * 24 * 3600);
    assertThat(lines).contains("SPECTRUM_UID=1234", "BESU_VERSION=25.6.0");
    assertThat(lines.stream().filter(l -> l.startsWith("EXPLORER_RPC_TOKEN="))).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
        .isEqualTo("rw-------");
  }

  /** Every file under {@code dir}, relative path to content. */
  static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(p).toString(),
            new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}

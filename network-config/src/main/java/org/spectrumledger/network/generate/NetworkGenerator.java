package org.spectrumledger.network.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftGenesis;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.compose.ComposeFile;
import org.spectrumledger.network.compose.EnvFile;
import org.spectrumledger.network.compose.Scripts;
import org.spectrumledger.network.io.Directories;
import org.spectrumledger.network.keys.KeyFiles;
import org.spectrumledger.network.monitoring.MonitoringFiles;
import org.spectrumledger.network.node.BesuNodeConfig;
import org.spectrumledger.network.node.Enode;
import org.spectrumledger.network.node.NodeRole;
import org.spectrumledger.network.node.NodeSpec;
import org.spectrumledger.network.node.RpcAccess;

/**
 * Writes a complete Besu QBFT network into one directory: keys, genesis, per-node configuration and
 * allowlists, {@code network.json}, and (on one Docker host) the Compose file and its scripts.
 *
 * <p>Everything is written into a hidden directory beside the target and moved into place at the
 * end, so the target holds either a whole network or nothing; an existing target is refused unless
 * {@code replace}.
 */
public final class NetworkGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkGenerator.class);

  /** One million ether in wei for each ledger account: gas is free, this only fills the UI. */
  static final BigInteger ACCOUNT_BALANCE = BigInteger.TEN.pow(24);

  static final int VALIDATOR_RPC_PORT_BASE = 21_000;
  static final int MEMBER_RPC_PORT_BASE = 22_000;
  static final int RPC_NODE_PORT = 8545;
  static final int EXPLORER_RPC_PORT = 23_001;

  /** The explorer's archive node, on one Docker host only. */
  public static final String EXPLORER_NODE = "explorernode";

  /** Where the private half of the nodes' JSON-RPC signing key is kept. */
  public static final String JWT_PRIVATE_KEY = "secrets/rpc-admin-jwt.pem";

  /**
   * What Blockscout's token lets it call on the explorer node: reads and traces, not the debug
   * methods that change the node ({@code debug_setHead}, {@code debug_resyncWorldState}).
   */
  public static final List<String> EXPLORER_PERMISSIONS =
      List.of(
          "eth:*",
          "net:*",
          "web3:*",
          "trace:*",
          "debug:traceTransaction",
          "debug:traceBlockByNumber",
          "debug:traceBlockByHash");

  /** How long Blockscout's token lasts; renew it by generating a new one into .env. */
  static final Duration EXPLORER_TOKEN_LIFETIME = Duration.ofDays(730);

  /** The ledger's accounts every network has, besides one per member. */
  public static final List<String> LEDGER_ACCOUNTS = List.of("admin", "regulator", "broker");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SecureRandom random;
  private final long timestamp;

  /**
   * @param random the source of every key (a fresh {@link SecureRandom} outside tests)
   * @param timestamp the genesis time, unix seconds, also when the explorer's token is issued
   */
  public NetworkGenerator(SecureRandom random, long timestamp) {
    this.random = random;
    this.timestamp = timestamp;
  }

  /** Whether {@code dir} is a directory (not a link to one) with nothing in it. */
  private static boolean emptyDirectory(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** What was generated. */
  public record Result(Path directory, NetworkManifest manifest, QbftGenesis genesis) {}

  /**
   * Generates the network into {@code out}.
   *
   * @param password the account keystores' password
   * @param replace whether an existing {@code out} may be replaced
   */
  public Result generate(GenerateOptions options, Path out, char[] password, boolean replace) {
    Keystore.checkNewPassword(password);
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !replace) {
      throw new IllegalArgumentException(
          target + " already exists; choose another --out or pass --force to replace it");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(target.resolve(NetworkManifest.FILE), LinkOption.NOFOLLOW_LINKS)
        && !emptyDirectory(target)) {
      // --force replaces a network generated before (or an empty directory made for it), never
      // whatever else --out happens to name (the current directory, a home, a file): the old one
      // is deleted once the new one is in
      throw new IllegalArgumentException(
          target
              + " exists and is not a generated network (it holds no "
              + NetworkManifest.FILE
              + "): --force replaces only a network directory; choose another --out");
    }
    JsonNode build = ContractArtifacts.buildInfo();
    String evmVersion = QbftGenesis.contractsEvmVersion();
    int largest = 0;
    for (JsonNode c : build.path("contracts")) {
      largest = Math.max(largest, c.path("bytecodeSize").asInt());
    }
    if (largest > options.contractSizeLimit()) {
      throw new IllegalArgumentException(
          "the largest contract is "
              + largest
              + " bytes, over --contract-size-limit "
              + options.contractSizeLimit());
    }

    List<SigningKey> validatorKeys = new ArrayList<>();
    for (int i = 0; i < options.validators(); i++) {
      validatorKeys.add(SigningKey.random(random));
    }
    // Besu's tooling lists genesis validators in ascending address order; so do we.
    validatorKeys.sort(Comparator.comparing(SigningKey::address));
    Map<String, SigningKey> nodeKeys = new LinkedHashMap<>();
    Map<String, NodeRole> roles = new LinkedHashMap<>();
    for (int i = 0; i < validatorKeys.size(); i++) {
      nodeKeys.put("validator" + (i + 1), validatorKeys.get(i));
      roles.put("validator" + (i + 1), NodeRole.VALIDATOR);
    }
    nodeKeys.put("rpcnode", SigningKey.random(random));
    roles.put("rpcnode", NodeRole.RPC);
    for (int i = 1; i <= options.members(); i++) {
      nodeKeys.put("member" + i, SigningKey.random(random));
      roles.put("member" + i, NodeRole.MEMBER);
    }
    if (options.oneHost()) {
      nodeKeys.put(EXPLORER_NODE, SigningKey.random(random));
      roles.put(EXPLORER_NODE, NodeRole.EXPLORER);
    }
    Map<String, SigningKey> accountKeys = new LinkedHashMap<>();
    for (String name : LEDGER_ACCOUNTS) {
      accountKeys.put(name, SigningKey.random(random));
    }
    for (int i = 1; i <= options.members(); i++) {
      accountKeys.put("member" + i, SigningKey.random(random));
    }

    List<NodeSpec> nodes = new ArrayList<>();
    int index = 0;
    int validatorNo = 0;
    int memberNo = 0;
    for (var e : nodeKeys.entrySet()) {
      NodeRole role = roles.get(e.getKey());
      String host =
          options.oneHost()
              ? GenerateOptions.subnetPrefix(options.subnet())
                  + "."
                  + (GenerateOptions.FIRST_HOST + index)
              : options.hosts().get(index);
      int rpcPort =
          switch (role) {
            case VALIDATOR -> VALIDATOR_RPC_PORT_BASE + ++validatorNo;
            case RPC -> RPC_NODE_PORT;
            case MEMBER -> MEMBER_RPC_PORT_BASE + ++memberNo;
            case EXPLORER -> EXPLORER_RPC_PORT;
          };
      Enode enode = new Enode(Enode.nodeIdOf(e.getValue()), host, BesuNodeConfig.P2P_PORT);
      nodes.add(new NodeSpec(e.getKey(), role, e.getValue().address(), enode, rpcPort));
      index++;
    }

    QbftGenesis.Builder genesisBuilder =
        QbftGenesis.builder(
                options.chainId(), validatorKeys.stream().map(SigningKey::address).toList())
            .blockPeriodSeconds(options.blockPeriodSeconds())
            .requestTimeoutSeconds(options.requestTimeoutSeconds())
            .epochLength(options.epochLength())
            .gasLimit(options.gasLimit())
            .contractSizeLimit(options.contractSizeLimit())
            .evmVersion(evmVersion)
            .timestamp(timestamp);
    accountKeys.values().forEach(k -> genesisBuilder.fund(k.address(), ACCOUNT_BALANCE));
    QbftGenesis genesis = genesisBuilder.build();

    NodeSpec rpc = nodes.stream().filter(n -> n.role() == NodeRole.RPC).findFirst().orElseThrow();
    String rpcUrl =
        options.oneHost()
            ? "http://localhost:" + RPC_NODE_PORT
            : "http://" + rpc.enode().host() + ":" + BesuNodeConfig.RPC_HTTP_PORT;
    Map<String, NetworkManifest.Account> accounts = new LinkedHashMap<>();
    accountKeys.forEach(
        (name, k) ->
            accounts.put(
                name, new NetworkManifest.Account(k.address(), "accounts/" + name + ".json")));
    NetworkManifest manifest =
        new NetworkManifest(
            options.chainId(),
            "qbft",
            evmVersion,
            options.blockPeriodSeconds(),
            options.requestTimeoutSeconds(),
            options.epochLength(),
            options.gasLimit(),
            options.contractSizeLimit(),
            rpcUrl,
            options.oneHost() ? "http://localhost:" + ComposeFile.EXPLORER_API_PORT : null,
            nodes.stream()
                .map(
                    n ->
                        new NetworkManifest.Node(
                            n.name(),
                            n.role().label(),
                            n.address(),
                            n.enode().url(),
                            n.rpcHostPort()))
                .toList(),
            accounts);

    Path staging;
    try {
      Files.createDirectories(target.getParent());
      staging = Files.createTempDirectory(target.getParent(), ".network-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a directory beside " + target, e);
    }
    try {
      write(
          staging,
          options,
          genesis,
          manifest,
          nodes,
          nodeKeys,
          accountKeys,
          RpcJwtKey.generate(random),
          password);
      Directories.publishDirectory(staging, target, replace);
    } finally {
      Directories.deleteTree(staging);
    }
    LOG.info(
        "generated chain {} with {} validators into {}",
        options.chainId(),
        options.validators(),
        target);
    return new Result(target, manifest, genesis);
  }

  private void write(
      Path dir,
      GenerateOptions options,
      QbftGenesis genesis,
      NetworkManifest manifest,
      List<NodeSpec> nodes,
      Map<String, SigningKey> nodeKeys,
      Map<String, SigningKey> accountKeys,
      RpcJwtKey jwt,
      char[] password) {
    Directories.createPrivate(dir);
    String genesisJson = genesis.toFileText();
    AtomicFiles.writeString(
        dir.resolve(BesuNodeConfig.GENESIS_FILE), genesisJson, AtomicFiles.PUBLIC);
    AtomicFiles.writeString(
        dir.resolve(NetworkManifest.FILE), manifest.toJson(), AtomicFiles.PUBLIC);
    Directories.createPrivate(dir.resolve(JWT_PRIVATE_KEY).getParent());
    jwt.writePrivate(dir.resolve(JWT_PRIVATE_KEY));
    List<Address> allowedAccounts = accountKeys.values().stream().map(SigningKey::address).toList();
    String permissions = BesuNodeConfig.permissionsToml(nodes, allowedAccounts);
    List<Enode> validatorEnodes =
        nodes.stream().filter(n -> n.role() == NodeRole.VALIDATOR).map(NodeSpec::enode).toList();
    for (NodeSpec n : nodes) {
      writeNodeDirectory(
          dir,
          n,
          nodeKeys.get(n.name()),
          validatorEnodes,
          options.gasLimit(),
          options.chainId(),
          options.rpcAccess(),
          genesisJson,
          jwt.publicPem());
      AtomicFiles.writeString(
          dir.resolve("nodes").resolve(n.name()).resolve(BesuNodeConfig.PERMISSIONS_FILE),
          permissions,
          AtomicFiles.PUBLIC);
    }
    Directories.createPrivate(dir.resolve("accounts"));
    for (var e : accountKeys.entrySet()) {
      Keystore.write(
          dir.resolve("accounts").resolve(e.getKey() + ".json"),
          e.getValue(),
          password,
          options.kdf());
    }
    if (options.oneHost()) {
      AtomicFiles.writeString(
          dir.resolve("docker-compose.yml"),
          ComposeFile.render(
              options.chainId(), GenerateOptions.subnetPrefix(options.subnet()), nodes),
          AtomicFiles.PUBLIC);
      Instant issued = Instant.ofEpochSecond(timestamp);
      AtomicFiles.writeString(
          dir.resolve(EnvFile.FILE),
          EnvFile.render(
              jwt.token(EXPLORER_PERMISSIONS, issued, issued.plus(EXPLORER_TOKEN_LIFETIME))),
          AtomicFiles.SECRET);
      MonitoringFiles.write(dir, nodes, options.scrapeTargets());
      AtomicFiles.writeString(
          dir.resolve("start.sh"),
          Scripts.start(options.chainId(), RPC_NODE_PORT),
          AtomicFiles.EXECUTABLE);
      AtomicFiles.writeString(
          dir.resolve("stop.sh"), Scripts.stop(options.chainId()), AtomicFiles.EXECUTABLE);
    }
    AtomicFiles.writeString(
        dir.resolve(".gitignore"),
        "# secrets and chain data never go into version control\n"
            + ".env\naccounts/\nsecrets/\nbackups/\nnodes/*/key\nnodes/*/data/\n"
            + MonitoringFiles.PROMETHEUS_DATA_DIR
            + "/\n",
        AtomicFiles.PUBLIC);
  }

  /**
   * Writes one node's own directory (owner-only): its key files, {@code config.toml}, the genesis
   * and the public half of the network's JSON-RPC signing key. The allowlists are written apart.
   */
  public static void writeNodeDirectory(
      Path networkDir,
      NodeSpec node,
      SigningKey key,
      List<Enode> validatorEnodes,
      long gasLimit,
      long chainId,
      RpcAccess access,
      String genesisJson,
      String jwtPublicPem) {
    Path nodeDir = networkDir.resolve("nodes").resolve(node.name());
    Directories.createPrivate(nodeDir);
    KeyFiles.write(nodeDir, key);
    List<Enode> bootnodes = validatorEnodes.stream().filter(e -> !e.equals(node.enode())).toList();
    AtomicFiles.writeString(
        nodeDir.resolve(BesuNodeConfig.CONFIG_FILE),
        BesuNodeConfig.configToml(node, bootnodes, gasLimit, chainId, access),
        AtomicFiles.PUBLIC);
    AtomicFiles.writeString(
        nodeDir.resolve(BesuNodeConfig.GENESIS_FILE), genesisJson, AtomicFiles.PUBLIC);
    AtomicFiles.writeString(
        nodeDir.resolve(BesuNodeConfig.JWT_PUBLIC_KEY_FILE), jwtPublicPem, AtomicFiles.PUBLIC);
  }
}

package org.spectrumledger.network.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.network.generate.GenerateOptions;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.NetworkManifest;
import org.spectrumledger.network.monitoring.ScrapeTargets;
import org.spectrumledger.network.node.RpcAccess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum network generate}: keys, genesis and configuration of a QBFT network. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a private Besu QBFT network into --out: validator, RPC and member node keys,"
          + " the genesis, one config.toml and allowlist per node, encrypted account keystores"
          + " (admin, regulator, broker, one per member), network.json, and a Docker Compose file"
          + " with start.sh and stop.sh.",
      "No private key is printed. Every node's JSON-RPC requires a token signed by"
          + " secrets/rpc-admin-jwt.pem, except the public methods of the RPC and member nodes."
    })
public final class GenerateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--validators",
      required = true,
      paramLabel = "N",
      description = "QBFT validators; 4 or more tolerate a faulty one")
  int validators;

  @Option(names = "--chain-id", required = true, paramLabel = "ID", description = "the chain id")
  long chainId;

  @Option(
      names = "--block-period",
      defaultValue = "2",
      paramLabel = "S",
      description = "seconds between blocks (default ${DEFAULT-VALUE})")
  int blockPeriod;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write it")
  Path out;

  @Option(
      names = "--members",
      defaultValue = "0",
      paramLabel = "M",
      description = "member nodes, each with an account of its own (default ${DEFAULT-VALUE})")
  int members;

  @Option(
      names = "--request-timeout",
      defaultValue = "0",
      paramLabel = "S",
      description = "QBFT round timeout in seconds (default: twice the block period, at least 4)")
  int requestTimeout;

  @Option(
      names = "--epoch-length",
      defaultValue = "30000",
      paramLabel = "BLOCKS",
      description = "blocks after which pending validator votes reset (default ${DEFAULT-VALUE})")
  long epochLength;

  @Option(
      names = "--gas-limit",
      defaultValue = "100000000",
      description = "block gas limit (default ${DEFAULT-VALUE})")
  long gasLimit;

  @Option(
      names = "--contract-size-limit",
      defaultValue = "24576",
      paramLabel = "BYTES",
      description = "largest contract runtime code (default ${DEFAULT-VALUE}, EIP-170)")
  int contractSizeLimit;

  @Option(
      names = "--subnet",
      defaultValue = "172.16.240.0/24",
      description = "the Docker network on one host (default ${DEFAULT-VALUE})")
  String subnet;

  @Option(
      names = "--hosts",
      split = ",",
      paramLabel = "IP",
      description =
          "one IPv4 address a node (validators, the RPC node, members) when the nodes run on"
              + " machines of their own; no Compose file is written then")
  List<String> hosts;

  @Option(
      names = "--kdf",
      defaultValue = "standard",
      description = "keystore key derivation: standard (real keys) or light (tests)")
  String kdf;

  @Option(
      names = "--rpc-host",
      split = ",",
      paramLabel = "HOST",
      description =
          "host names or addresses clients reach the public RPC node by (its host allowlist,"
              + " besides localhost, 127.0.0.1 and its own address); never *")
  List<String> rpcHosts;

  @Option(
      names = "--rpc-cors-origin",
      split = ",",
      paramLabel = "ORIGIN",
      description =
          "web origins (scheme://host[:port]) allowed to call the RPC node from a browser;"
              + " default none; never *")
  List<String> corsOrigins;

  @Option(
      names = "--broker-metrics",
      split = ",",
      paramLabel = "HOST:PORT",
      description =
          "where Prometheus scrapes the broker's /metrics (default "
              + ScrapeTargets.DEFAULT_BROKER
              + ")")
  List<String> brokerMetrics;

  @Option(
      names = "--operator-metrics",
      split = ",",
      paramLabel = "HOST:PORT",
      description =
          "where Prometheus scrapes operator daemons (spectrum operator run --metrics-port);"
              + " default none, editable later in monitoring/prometheus/targets/operators.json")
  List<String> operatorMetrics;

  @Option(names = "--force", description = "replace an existing --out directory")
  boolean force;

  @Mixin PasswordOption password;

  @Override
  public Integer call() {
    Keystore.Kdf keystoreKdf =
        switch (kdf) {
          case "standard" -> Keystore.Kdf.STANDARD;
          case "light" -> Keystore.Kdf.LIGHT;
          default -> throw new IllegalArgumentException("--kdf is standard or light: " + kdf);
        };
    GenerateOptions options =
        new GenerateOptions(
            validators,
            members,
            chainId,
            blockPeriod,
            requestTimeout,
            epochLength,
            gasLimit,
            contractSizeLimit,
            subnet,
            hosts,
            keystoreKdf,
            new RpcAccess(rpcHosts, corsOrigins),
            new ScrapeTargets(brokerMetrics, operatorMetrics));
    char[] pw = password.source().forWriting("the new account keystores");
    NetworkGenerator.Result result;
    try {
      result =
          new NetworkGenerator(new SecureRandom(), Instant.now().getEpochSecond())
              .generate(options, out, pw, force);
    } finally {
      Arrays.fill(pw, '\0');
    }
    print(spec.commandLine().getOut(), result, options);
    return 0;
  }

  static void print(PrintWriter out, NetworkGenerator.Result result, GenerateOptions options) {
    NetworkManifest m = result.manifest();
    out.printf(
        "Generated chain %d: QBFT, %d validator%s, block period %d s, round timeout %d s, evm %s%n",
        m.chainId(),
        options.validators(),
        options.validators() == 1 ? "" : "s",
        m.blockPeriodSeconds(),
        m.requestTimeoutSeconds(),
        m.evmVersion());
    out.println("into " + result.directory());
    if (options.validators() < 4) {
      out.println(
          "note: fewer than 4 validators tolerate no faulty validator; use 4 or more in production");
    }
    out.println();
    TextTable nodes = new TextTable("node", "role", "address", "enode");
    for (NetworkManifest.Node n : m.nodes()) {
      nodes.row(n.name(), n.role(), n.address().checksummed(), n.enode());
    }
    out.print(nodes);
    out.println();
    TextTable accounts = new TextTable("account", "address", "keystore");
    m.accounts().entrySet().stream()
        .sorted((a, b) -> accountOrder(a.getKey()) - accountOrder(b.getKey()))
        .forEach(
            e ->
                accounts.row(
                    e.getKey(), e.getValue().address().checksummed(), e.getValue().keystore()));
    out.print(accounts);
    out.println();
    out.println("genesis extraData: " + result.genesis().extraData());
    out.println("bootnodes: the validators' enode URLs; allowlists: every node and account above");
    out.println(
        "JSON-RPC: every node requires a token signed by "
            + NetworkGenerator.JWT_PRIVATE_KEY
            + " (keep it with the node keys);"
            + " the RPC and member nodes serve the public eth/net/web3 methods without one");
    out.println();
    if (options.oneHost()) {
      out.println("next:");
      out.println(
          "  "
              + result.directory().resolve("start.sh")
              + "        # Besu + Blockscout (--monitoring: Prometheus + Grafana)");
      out.println(
          "  spectrum network deploy --network "
              + result.directory()
              + "   # the ledger, roles for regulator and broker");
    } else {
      out.println(
          "next: copy nodes/<name>/ to the machine at that node's address and run"
              + " 'besu --config-file=config.toml' there (see network-config/README.md)");
    }
    out.flush();
  }

  private static int accountOrder(String name) {
    int i = NetworkGenerator.LEDGER_ACCOUNTS.indexOf(name);
    if (i >= 0) {
      return i;
    }
    return name.startsWith("member") ? 100 + Integer.parseInt(name.substring(6)) : 1000;
  }
}

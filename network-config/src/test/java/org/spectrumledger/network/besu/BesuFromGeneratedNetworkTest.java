package org.spectrumledger.network.besu;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.Role;
import org.spectrumledger.ledger.devchain.BesuContainerChain;
import org.spectrumledger.ledger.keys.Keystore;
import org.spectrumledger.network.admin.NodeRpc;
import org.spectrumledger.network.auth.RpcJwtKey;
import org.spectrumledger.network.deploy.LedgerDeployer;
import org.spectrumledger.network.generate.GenerateOptions;
import org.spectrumledger.network.generate.NetworkGenerator;
import org.spectrumledger.network.generate.NetworkManifest;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * One validator of a generated network, started in Besu's own image from the generated node
 * directory and nothing else: it must accept the genesis, produce QBFT blocks signed by the
 * generated validator, refuse a call without a token, answer the administrator's signed calls, and
 * take the ledger's deployment from the allowlisted admin account.
 *
 * <p>Needs a Docker engine; where there is none (as on the development machines here) it is
 * reported skipped.
 */
class BesuFromGeneratedNetworkTest {

  private static final char[] PASSWORD = "container-test".toCharArray();
  private static final String NODE_DIR = "/opt/besu/node";

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void aGeneratedValidatorStartsInBesuProducesBlocksAndTakesTheLedger(@TempDir Path tmp)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dockerAvailable(), "no Docker engine here: Besu cannot be started");
    Path dir = tmp.resolve("net");
    NetworkManifest m =
        new NetworkGenerator(new SecureRandom(), System.currentTimeMillis() / 1000)
            .generate(
                new GenerateOptions(
                    1,
                    0,
                    2018,
                    1,
                    0,
                    30_000,
                    100_000_000,
                    24_576,
                    "172.16.240.0/24",
                    List.of(),
                    Keystore.Kdf.LIGHT,
                    null,
                    null),
                dir,
                PASSWORD,
                false)
            .manifest();
    Path node = dir.resolve("nodes/validator1");
    String image = System.getProperty("ledger.besu.image", BesuContainerChain.DEFAULT_IMAGE);
    try (GenericContainer<?> besu = new GenericContainer<>(DockerImageName.parse(image))) {
      for (String f :
          List.of(
              "genesis.json",
              "config.toml",
              "permissions_config.toml",
              "key",
              "key.pub",
              "rpc-jwt-public.pem")) {
        besu.withCopyToContainer(
            Transferable.of(Files.readAllBytes(node.resolve(f)), 0644), NODE_DIR + "/" + f);
      }
      besu.withWorkingDirectory(NODE_DIR)
          .withExposedPorts(8545)
          // the copied directory belongs to root; the image runs as user besu
          .withCommand("--config-file=config.toml", "--data-path=/tmp/besu-data")
          .waitingFor(Wait.forLogMessage(".*Ethereum main loop is up.*", 1))
          .withStartupTimeout(Duration.ofMinutes(3))
          .start();
      String direct = "http://" + besu.getHost() + ":" + besu.getMappedPort(8545);
      // a validator answers nothing without a token signed by the network's key
      HttpResponse<String> anonymous =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(direct))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      RpcJwtKey key = RpcJwtKey.read(dir.resolve(NetworkGenerator.JWT_PRIVATE_KEY));
      NodeRpc admin = new NodeRpc(key, Duration.ofSeconds(10), Clock.systemUTC());
      assertThat(admin.validators(new NodeRpc.Target("validator1", URI.create(direct))))
          .containsExactly(m.nodes().get(0).address());
      // the ledger client sends no token: reach the validator through a proxy that adds one
      HttpServer proxy = bearerProxy(direct, key);
      String rpc = "http://127.0.0.1:" + proxy.getAddress().getPort();
      Web3j web3j = Web3j.build(new HttpService(rpc));
      try {
        assertThat(web3j.ethChainId().send().getChainId().longValue()).isEqualTo(2018);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (web3j.ethBlockNumber().send().getBlockNumber().signum() == 0) {
          assertThat(System.nanoTime()).as("a block within 30 s").isLessThan(deadline);
          Thread.sleep(500);
        }
        LedgerDeployer.Result deployed =
            LedgerDeployer.deploy(
                new LedgerDeployer.Request(
                    rpc,
                    Keystore.read(dir.resolve(m.account("admin").keystore()), PASSWORD),
                    GasFees.auto(),
                    dir.resolve("deployment.json"),
                    m.account("regulator").address(),
                    m.account("broker").address(),
                    null,
                    org.spectrumledger.ledger.DeployOptions.defaults()));
        assertThat(deployed.deployment().chainId()).isEqualTo(2018);
        assertThat(deployed.steps())
            .filteredOn(s -> s.item().startsWith(Role.BROKER.name()))
            .singleElement()
            .satisfies(s -> assertThat(s.outcome()).isEqualTo(LedgerDeployer.Outcome.GRANTED));
      } finally {
        web3j.shutdown();
        proxy.stop(0);
      }
    }
  }

  /** Forwards JSON-RPC to {@code target} with a token for the public namespaces. */
  private static HttpServer bearerProxy(String target, RpcJwtKey key) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/",
        ex -> {
          Instant now = Instant.now();
          String token =
              key.token(List.of("eth:*", "net:*", "web3:*"), now, now.plus(Duration.ofMinutes(5)));
          try {
            HttpResponse<byte[]> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(target))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(
                            HttpRequest.BodyPublishers.ofByteArray(
                                ex.getRequestBody().readAllBytes()))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(r.statusCode(), r.body().length);
            ex.getResponseBody().write(r.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
          } finally {
            ex.close();
          }
        });
    server.start();
    return server;
  }
}

package org.spectrumledger.ledger.devchain;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftExtraData;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Hyperledger Besu in a container ({@code -Dledger.chain=besu}): a one-validator QBFT chain with
 * chain id 2018, the forks up to cancun, zero base fee and {@code --min-gas-price=0}, so the same
 * contracts and tests run on it as on anvil. Besu's own {@code --network=dev} stops at
 * Constantinople and cannot run cancun bytecode, hence the generated genesis.
 *
 * <p>Where no Docker engine runs, {@link #start} throws {@link DevChainUnavailableException} and
 * the JUnit extension reports the tests skipped.
 */
public final class BesuContainerChain implements DevChain {

  private static final Logger LOG = LoggerFactory.getLogger(BesuContainerChain.class);

  /** The image, overridable with {@code -Dledger.besu.image}. */
  public static final String DEFAULT_IMAGE = "hyperledger/besu:25.6.0";

  private static final int RPC_PORT = 8545;

  private final GenericContainer<?> container;
  private final long chainId;
  private final List<SigningKey> keys;

  private BesuContainerChain(GenericContainer<?> container, long chainId, List<SigningKey> keys) {
    this.container = container;
    this.chainId = chainId;
    this.keys = keys;
  }

  /** Whether a Docker engine is reachable (Testcontainers' own check). */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Starts Besu, or throws {@link DevChainUnavailableException} where Docker does not run. */
  public static BesuContainerChain start(DevChainOptions options) {
    if (!dockerAvailable()) {
      throw new DevChainUnavailableException(
          "Besu runs in Testcontainers and needs a Docker engine; none is reachable here");
    }
    SecureRandom random = new SecureRandom();
    SigningKey validator = SigningKey.random(random);
    List<SigningKey> funded = new ArrayList<>();
    for (int i = 0; i < options.accounts(); i++) {
      funded.add(SigningKey.random(random));
    }
    String genesis = genesis(options, validator, funded);
    String image = System.getProperty("ledger.besu.image", DEFAULT_IMAGE);
    int blockPeriod = Math.max(1, options.blockTimeSeconds());
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withCopyToContainer(Transferable.of(genesis), "/config/genesis.json")
            .withCopyToContainer(
                Transferable.of(validator.exportPrivateKey().substring(2)), "/config/key")
            .withExposedPorts(RPC_PORT)
            .withCommand(
                "--genesis-file=/config/genesis.json",
                "--node-private-key-file=/config/key",
                "--data-path=/tmp/besu",
                "--rpc-http-enabled",
                "--rpc-http-host=0.0.0.0",
                "--rpc-http-port=" + RPC_PORT,
                "--rpc-http-api=ETH,NET,WEB3,QBFT,TXPOOL,DEBUG",
                "--host-allowlist=*",
                "--rpc-http-cors-origins=*",
                "--min-gas-price=0",
                "--revert-reason-enabled",
                "--p2p-enabled=false")
            .waitingFor(Wait.forLogMessage(".*Ethereum main loop is up.*", 1))
            .withStartupTimeout(Duration.ofMinutes(3));
    LOG.info("starting {} (QBFT, block period {} s)", image, blockPeriod);
    container.start();
    return new BesuContainerChain(container, options.chainId(), List.copyOf(funded));
  }

  static String genesis(DevChainOptions options, SigningKey validator, List<SigningKey> funded) {
    StringBuilder alloc = new StringBuilder();
    for (SigningKey k : funded) {
      if (!alloc.isEmpty()) {
        alloc.append(",\n");
      }
      alloc
          .append("    \"")
          .append(k.address().hex())
          .append("\": {\"balance\": \"0x33b2e3c9fd0803ce8000000\"}");
    }
    return """
        {
          "config": {
            "chainId": %d,
            "berlinBlock": 0,
            "londonBlock": 0,
            "shanghaiTime": 0,
            "cancunTime": 0,
            "zeroBaseFee": true,
            "contractSizeLimit": 49152,
            "qbft": {"blockperiodseconds": %d, "epochlength": 30000, "requesttimeoutseconds": 4}
          },
          "nonce": "0x0",
          "timestamp": "0x0",
          "gasLimit": "0x3938700",
          "difficulty": "0x1",
          "mixHash": "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
          "coinbase": "0x0000000000000000000000000000000000000000",
          "extraData": "%s",
          "alloc": {
        %s
          }
        }
        """
        .formatted(
            options.chainId(),
            Math.max(1, options.blockTimeSeconds()),
            QbftExtraData.encode(List.of(validator.address())),
            alloc);
  }

  @Override
  public String kind() {
    return "besu";
  }

  @Override
  public String rpcUrl() {
    return "http://" + container.getHost() + ":" + container.getMappedPort(RPC_PORT);
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public List<SigningKey> fundedKeys() {
    return keys;
  }

  @Override
  public void close() {
    container.stop();
  }
}

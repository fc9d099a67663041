package org.spectrumledger.ledger.devchain;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.besu.QbftGenesis;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Hyperledger Besu in a container ({@code -Dledger.chain=besu}): a one-validator QBFT chain with
 * chain id 2018, the forks up to cancun, zero base fee and {@code --min-gas-price=0}, so the same
 * contracts and tests run on it as on anvil. Besu's own {@code --network=dev} stops at
 * Constantinople and cannot run cancun bytecode, hence a genesis written by {@link QbftGenesis},
 * the same code that writes a generated network's.
 *
 * <p>Where no Docker engine runs, {@link #start} throws {@link DevChainUnavailableException} and
 * the JUnit extension reports the tests skipped.
 */
public final class BesuContainerChain implements DevChain {

  private static final Logger LOG = LoggerFactory.getLogger(BesuContainerChain.class);

  /** The image, overridable with {@code -Dledger.besu.image}. */
  public static final String DEFAULT_IMAGE = "hyperledger/besu:25.6.0";

  private static final int RPC_PORT = 8545;

  /** A billion ether a funded account: gas is free, the balance only has to never run out. */
  private static final BigInteger FUNDED_BALANCE = BigInteger.TEN.pow(27);

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
    QbftGenesis genesis = genesis(options, validator, funded);
    String image = System.getProperty("ledger.besu.image", DEFAULT_IMAGE);
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withCopyToContainer(Transferable.of(genesis.toFileText()), "/config/genesis.json")
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
    LOG.info(
        "starting {} (QBFT, block period {} s, round timeout {} s)",
        image,
        genesis.blockPeriodSeconds(),
        genesis.requestTimeoutSeconds());
    container.start();
    return new BesuContainerChain(container, options.chainId(), List.copyOf(funded));
  }

  /**
   * A one-validator QBFT genesis from {@link QbftGenesis}, the network generator's own: the forks
   * up to the contracts' EVM version, zero base fee, and the round timeout that fits the block
   * period (a fixed 4 s timeout makes every round at a 4 s period change before its block).
   */
  static QbftGenesis genesis(
      DevChainOptions options, SigningKey validator, List<SigningKey> funded) {
    QbftGenesis.Builder genesis =
        QbftGenesis.builder(options.chainId(), List.of(validator.address()))
            .blockPeriodSeconds(Math.max(1, options.blockTimeSeconds()))
            // room for contracts built without the optimiser in tests
            .contractSizeLimit(2 * QbftGenesis.EIP170_CONTRACT_SIZE_LIMIT);
    for (SigningKey k : funded) {
      genesis.fund(k.address(), FUNDED_BALANCE);
    }
    return genesis.build();
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

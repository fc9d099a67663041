package org.spectrumledger.ledger.besu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.internal.ContractArtifacts;

/**
 * A Besu QBFT genesis with block-header validator selection: the validators in {@code extraData},
 * zero base fee, the forks up to the contracts' EVM version, a contract size limit, a block gas
 * limit and the funded accounts.
 *
 * <p>Both the generated production network ({@code network-config}) and the Besu dev chain in
 * Testcontainers write their genesis from here, so the round-timeout rule and the forks are the
 * same in both. Build one with {@link #builder}.
 *
 * @param chainId the chain id (never a public network's)
 * @param blockPeriodSeconds the minimum block time
 * @param requestTimeoutSeconds the round timeout before a round change
 * @param epochLength blocks after which pending validator votes are discarded
 * @param gasLimit the block gas limit
 * @param contractSizeLimit the largest runtime bytecode a contract may have, in bytes
 * @param evmVersion the solc evm version the contracts were compiled for
 * @param validators the initial validators, in the order they are written
 * @param alloc balances in wei by account
 * @param timestamp the genesis block's time, unix seconds
 */
public record QbftGenesis(
    long chainId,
    int blockPeriodSeconds,
    int requestTimeoutSeconds,
    long epochLength,
    long gasLimit,
    int contractSizeLimit,
    String evmVersion,
    List<Address> validators,
    Map<Address, BigInteger> alloc,
    long timestamp) {

  /** Istanbul's mix hash, which marks a BFT block for Besu. */
  public static final String BFT_MIX_HASH =
      "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";

  /** Chain ids of public networks a private network must not reuse. */
  private static final Set<Long> PUBLIC_CHAIN_IDS =
      Set.of(1L, 3L, 4L, 5L, 10L, 56L, 100L, 137L, 8453L, 17000L, 42161L, 11155111L, 560048L);

  /** The default block gas limit: room for a settlement batch at the largest fill count. */
  public static final long DEFAULT_GAS_LIMIT = 100_000_000L;

  /** EIP-170's contract size limit, the smallest a genesis may set. */
  public static final int EIP170_CONTRACT_SIZE_LIMIT = 24_576;

  public static final long DEFAULT_EPOCH_LENGTH = 30_000L;

  public QbftGenesis {
    if (chainId <= 0) {
      throw new IllegalArgumentException("--chain-id must be positive: " + chainId);
    }
    if (PUBLIC_CHAIN_IDS.contains(chainId)) {
      throw new IllegalArgumentException(
          "chain id " + chainId + " belongs to a public network; pick an unused one");
    }
    if (blockPeriodSeconds < 1) {
      throw new IllegalArgumentException(
          "--block-period must be at least 1 second: " + blockPeriodSeconds);
    }
    requireSeconds("--block-period", blockPeriodSeconds, MAX_SECONDS);
    // (the default round timeout is twice the block period)
    requireSeconds("--request-timeout", requestTimeoutSeconds, 2 * MAX_SECONDS);
    if (requestTimeoutSeconds <= blockPeriodSeconds) {
      throw new IllegalArgumentException(
          "--request-timeout: the round timeout ("
              + requestTimeoutSeconds
              + " s) must exceed the block period ("
              + blockPeriodSeconds
              + " s)");
    }
    if (epochLength < 1) {
      throw new IllegalArgumentException("--epoch-length must be positive: " + epochLength);
    }
    if (gasLimit < 5_000_000) {
      throw new IllegalArgumentException(
          "--gas-limit " + gasLimit + ": a block gas limit under 5,000,000 cannot settle a batch");
    }
    if (contractSizeLimit < EIP170_CONTRACT_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "--contract-size-limit must be at least EIP-170's 24576 bytes: " + contractSizeLimit);
    }
    Forks.upTo(evmVersion); // rejects an unknown version
    if (validators == null || validators.isEmpty()) {
      throw new IllegalArgumentException("a QBFT network needs at least one validator");
    }
    if (Set.copyOf(validators).size() != validators.size()) {
      throw new IllegalArgumentException("a validator is listed twice");
    }
    validators = List.copyOf(validators);
    alloc = new TreeMap<>(alloc == null ? Map.of() : alloc);
    if (timestamp < 0) {
      throw new IllegalArgumentException("the genesis timestamp must not be negative");
    }
  }

  /**
   * The longest block period taken, in seconds (the round timeout: twice it). Besu reads both as
   * seconds ({@code blockperiodseconds}, {@code requesttimeoutseconds}); a block period of 1000 or
   * more (a block every quarter of an hour at least) is one in milliseconds by mistake, 2000 for 2
   * s.
   */
  public static final int MAX_SECONDS = 999;

  private static void requireSeconds(String option, int seconds, int max) {
    if (seconds > max) {
      throw new IllegalArgumentException(
          option
              + " takes seconds, 1 .. "
              + max
              + ": "
              + seconds
              + " looks like milliseconds"
              + (seconds % 1_000 == 0 ? " (" + seconds / 1_000 + " s)" : ""));
    }
  }

  /**
   * The round timeout used when none is given: twice the block period, and at least 4 s. It must
   * exceed the block period, or every round at that period times out before its block is due.
   */
  public static int defaultRequestTimeoutSeconds(int blockPeriodSeconds) {
    return Math.max(4, 2 * blockPeriodSeconds);
  }

  /** A genesis for {@code validators} on chain {@code chainId}, the rest at their defaults. */
  public static Builder builder(long chainId, List<Address> validators) {
    return new Builder(chainId, validators);
  }

  /**
   * Defaults: a 2 s block period, the {@linkplain #defaultRequestTimeoutSeconds default round
   * timeout} for the period, 30,000-block epochs, a 100,000,000 gas limit, EIP-170's size limit,
   * the EVM version the contracts were compiled for, no funded account, timestamp 0.
   */
  public static final class Builder {
    private final long chainId;
    private final List<Address> validators;
    private int blockPeriodSeconds = 2;
    private int requestTimeoutSeconds;
    private long epochLength = DEFAULT_EPOCH_LENGTH;
    private long gasLimit = DEFAULT_GAS_LIMIT;
    private int contractSizeLimit = EIP170_CONTRACT_SIZE_LIMIT;
    private String evmVersion;
    private final Map<Address, BigInteger> alloc = new LinkedHashMap<>();
    private long timestamp;

    private Builder(long chainId, List<Address> validators) {
      this.chainId = chainId;
      this.validators = validators;
    }

    public Builder blockPeriodSeconds(int seconds) {
      this.blockPeriodSeconds = seconds;
      return this;
    }

    /** The round timeout; 0 (the default) means {@link #defaultRequestTimeoutSeconds}. */
    public Builder requestTimeoutSeconds(int seconds) {
      this.requestTimeoutSeconds = seconds;
      return this;
    }

    public Builder epochLength(long blocks) {
      this.epochLength = blocks;
      return this;
    }

    public Builder gasLimit(long gas) {
      this.gasLimit = gas;
      return this;
    }

    public Builder contractSizeLimit(int bytes) {
      this.contractSizeLimit = bytes;
      return this;
    }

    /** The solc EVM version; by default the one the contracts jar was compiled for. */
    public Builder evmVersion(String version) {
      this.evmVersion = version;
      return this;
    }

    public Builder fund(Address account, BigInteger wei) {
      alloc.put(account, wei);
      return this;
    }

    public Builder timestamp(long unixSeconds) {
      this.timestamp = unixSeconds;
      return this;
    }

    public QbftGenesis build() {
      return new QbftGenesis(
          chainId,
          blockPeriodSeconds,
          requestTimeoutSeconds == 0
              ? defaultRequestTimeoutSeconds(blockPeriodSeconds)
              : requestTimeoutSeconds,
          epochLength,
          gasLimit,
          contractSizeLimit,
          evmVersion != null ? evmVersion : contractsEvmVersion(),
          validators,
          alloc,
          timestamp);
    }
  }

  /** The EVM version in the contracts jar's build info ({@code cancun}). */
  public static String contractsEvmVersion() {
    return ContractArtifacts.buildInfo().path("settings").path("evmVersion").asText("");
  }

  /** The {@code extraData} naming the validators. */
  public String extraData() {
    return QbftExtraData.encode(validators);
  }

  /** The genesis file as Besu reads it: {@link #toJson}, indented, with a final newline. */
  public String toFileText() {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(toJson())
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a genesis tree always serialises", e);
    }
  }

  /** The genesis file's JSON, in the field order of Besu's documentation. */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode config = root.putObject("config");
    config.put("chainId", chainId);
    Forks.upTo(evmVersion).forEach(config::put);
    config.put("zeroBaseFee", true);
    config.put("contractSizeLimit", contractSizeLimit);
    ObjectNode qbft = config.putObject("qbft");
    qbft.put("blockperiodseconds", blockPeriodSeconds);
    qbft.put("epochlength", epochLength);
    qbft.put("requesttimeoutseconds", requestTimeoutSeconds);
    root.put("nonce", "0x0");
    root.put("timestamp", "0x" + Long.toHexString(timestamp));
    root.put("gasLimit", "0x" + Long.toHexString(gasLimit));
    root.put("difficulty", "0x1");
    root.put("mixHash", BFT_MIX_HASH);
    root.put("coinbase", Address.ZERO.hex());
    root.put("extraData", extraData());
    ObjectNode accounts = root.putObject("alloc");
    alloc.forEach(
        (a, wei) ->
            accounts.putObject(a.hex().substring(2)).put("balance", "0x" + wei.toString(16)));
    root.put("number", "0x0");
    root.put("gasUsed", "0x0");
    root.put("parentHash", "0x" + "0".repeat(64));
    return root;
  }
}

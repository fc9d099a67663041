package org.spectrumledger.ledger.devchain;

import java.nio.file.Path;

/**
 * How to start a dev chain.
 *
 * @param chainId the chain id (Besu's dev id 2018 by default)
 * @param accounts how many funded accounts to create
 * @param blockTimeSeconds seconds between blocks; 0 mines each transaction at once
 * @param statePath where anvil keeps its state across restarts, or null for none
 * @param chargesGas false (the default) for Besu-like free gas; true for a chain with an EIP-1559
 *     base fee, as public networks have
 * @param blockGasLimit the block gas limit (60 million by default; the generated Besu genesis has
 *     {@code QbftGenesis.DEFAULT_GAS_LIMIT}, 100 million)
 */
public record DevChainOptions(
    long chainId,
    int accounts,
    int blockTimeSeconds,
    Path statePath,
    boolean chargesGas,
    long blockGasLimit) {

  /** The dev chain's block gas limit unless one is given. */
  public static final long DEFAULT_BLOCK_GAS_LIMIT = 60_000_000L;

  public DevChainOptions {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive: " + chainId);
    }
    if (accounts < 1 || accounts > 1000) {
      throw new IllegalArgumentException("accounts must be 1..1000: " + accounts);
    }
    if (blockTimeSeconds < 0) {
      throw new IllegalArgumentException("block time must not be negative: " + blockTimeSeconds);
    }
    if (blockGasLimit < 5_000_000) {
      throw new IllegalArgumentException(
          "a block gas limit under 5 million cannot hold a deployment: " + blockGasLimit);
    }
  }

  /** Chain id 2018, 20 accounts, a block per transaction, no state file. */
  public static DevChainOptions defaults() {
    return new DevChainOptions(
        DevChain.DEFAULT_CHAIN_ID, 20, 0, null, false, DEFAULT_BLOCK_GAS_LIMIT);
  }

  public DevChainOptions withBlockTime(int seconds) {
    return new DevChainOptions(chainId, accounts, seconds, statePath, chargesGas, blockGasLimit);
  }

  public DevChainOptions withAccounts(int n) {
    return new DevChainOptions(chainId, n, blockTimeSeconds, statePath, chargesGas, blockGasLimit);
  }

  /** A chain that charges gas: an EIP-1559 base fee and anvil's default tip. */
  public DevChainOptions charging() {
    return new DevChainOptions(chainId, accounts, blockTimeSeconds, statePath, true, blockGasLimit);
  }

  public DevChainOptions withStatePath(Path path) {
    return new DevChainOptions(
        chainId, accounts, blockTimeSeconds, path, chargesGas, blockGasLimit);
  }

  /** Blocks of at most {@code gas} gas. */
  public DevChainOptions withBlockGasLimit(long gas) {
    return new DevChainOptions(chainId, accounts, blockTimeSeconds, statePath, chargesGas, gas);
  }
}

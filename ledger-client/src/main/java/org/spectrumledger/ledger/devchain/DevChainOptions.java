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
 */
public record DevChainOptions(
    long chainId, int accounts, int blockTimeSeconds, Path statePath, boolean chargesGas) {

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
  }

  /** Chain id 2018, 20 accounts, a block per transaction, no state file. */
  public static DevChainOptions defaults() {
    return new DevChainOptions(DevChain.DEFAULT_CHAIN_ID, 20, 0, null, false);
  }

  public DevChainOptions withBlockTime(int seconds) {
    return new DevChainOptions(chainId, accounts, seconds, statePath, chargesGas);
  }

  public DevChainOptions withAccounts(int n) {
    return new DevChainOptions(chainId, n, blockTimeSeconds, statePath, chargesGas);
  }

  /** A chain that charges gas: an EIP-1559 base fee and anvil's default tip. */
  public DevChainOptions charging() {
    return new DevChainOptions(chainId, accounts, blockTimeSeconds, statePath, true);
  }

  public DevChainOptions withStatePath(Path path) {
    return new DevChainOptions(chainId, accounts, blockTimeSeconds, path, chargesGas);
  }
}

package org.spectrumledger.ledger.devchain;

import java.time.Duration;
import java.util.List;
import org.spectrumledger.ledger.SigningKey;

/**
 * A chain to run the ledger on during development and tests: anvil (the default), Hyperledger Besu
 * in a container, or any running node. Closing it stops whatever it started.
 */
public interface DevChain extends AutoCloseable {

  /** The default chain id, Besu's dev-network id. */
  long DEFAULT_CHAIN_ID = 2018;

  /** What runs it: {@code anvil}, {@code besu} or {@code rpc}. */
  String kind();

  /** JSON-RPC over HTTP. */
  String rpcUrl();

  long chainId();

  /** Keys whose accounts hold native currency on this chain (for gas where gas is not free). */
  List<SigningKey> fundedKeys();

  /**
   * Whether {@link #advanceTime} moves the clock at once (anvil: its cheat calls are not standard
   * JSON-RPC); elsewhere it waits in real time, so a test may choose shorter delays.
   */
  default boolean supportsTimeTravel() {
    return false;
  }

  /**
   * Moves the chain's clock forward by at least {@code by} and mines a block. Anvil does it at
   * once; any other chain is waited for until its latest block is that much later (it must be
   * producing blocks). Code outside tests must not depend on it.
   */
  default void advanceTime(Duration by) {
    long target = JsonRpcProbe.latestBlockTimestamp(rpcUrl()) + by.toSeconds();
    long deadline = System.nanoTime() + by.plusSeconds(60).toNanos();
    while (JsonRpcProbe.latestBlockTimestamp(rpcUrl()) < target) {
      if (System.nanoTime() > deadline) {
        throw new DevChainException(
            kind() + " at " + rpcUrl() + " produced no block " + by.toSeconds() + " s later");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevChainException("interrupted while waiting for the chain's clock", e);
      }
    }
  }

  /** Stops what this chain started (a process or a container); a running node is left alone. */
  @Override
  void close();
}

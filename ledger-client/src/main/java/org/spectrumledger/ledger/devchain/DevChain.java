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

  /** Whether {@link #advanceTime} works (anvil only: it is not a standard JSON-RPC call). */
  default boolean supportsTimeTravel() {
    return false;
  }

  /**
   * Moves the chain's clock forward and mines a block. Anvil only; code outside tests must not
   * depend on it.
   */
  default void advanceTime(Duration by) {
    throw new UnsupportedOperationException(kind() + " cannot travel in time; only anvil can");
  }

  /** Stops what this chain started (a process or a container); a running node is left alone. */
  @Override
  void close();
}

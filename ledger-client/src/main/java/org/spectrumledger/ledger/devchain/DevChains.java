package org.spectrumledger.ledger.devchain;

/**
 * Starts the chain that {@code -Dledger.chain} names: {@code anvil} (the default), {@code besu}
 * (Testcontainers) or {@code rpc:URL} (a running node).
 */
public final class DevChains {

  /** The system property that selects the chain. */
  public static final String PROPERTY = "ledger.chain";

  private DevChains() {}

  /** The chain selected by {@code ledger.chain}, started with {@code options}. */
  public static DevChain start(DevChainOptions options) {
    return start(System.getProperty(PROPERTY, "anvil"), options);
  }

  /** The chain {@code spec} names, started with {@code options}. */
  public static DevChain start(String spec, DevChainOptions options) {
    String s = spec == null || spec.isBlank() ? "anvil" : spec.strip();
    if (s.equals("anvil")) {
      return AnvilChain.start(options);
    }
    if (s.equals("besu")) {
      return BesuContainerChain.start(options);
    }
    if (s.startsWith("rpc:")) {
      return RpcChain.connect(s.substring(4));
    }
    throw new DevChainException(
        "unknown chain '" + spec + "': use anvil, besu or rpc:URL (-D" + PROPERTY + "=...)");
  }
}

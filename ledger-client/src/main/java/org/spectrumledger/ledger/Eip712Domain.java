package org.spectrumledger.ledger;

/**
 * The EIP-712 domain orders are signed under: it names the exchange deployment and the chain, so an
 * order signed for one cannot settle on another.
 *
 * @param name the exchange's EIP-712 name
 * @param version its EIP-712 version
 * @param chainId the chain id
 * @param verifyingContract the exchange address
 */
public record Eip712Domain(String name, String version, long chainId, Address verifyingContract) {

  /** The exchange's EIP-712 name. */
  public static final String EXCHANGE_NAME = "SpectrumLedger Exchange";

  /** The exchange's EIP-712 version. */
  public static final String EXCHANGE_VERSION = "1";

  public Eip712Domain {
    if (name == null || version == null || verifyingContract == null) {
      throw new IllegalArgumentException("EIP-712 domain needs a name, a version and a contract");
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive: " + chainId);
    }
  }

  /** The domain of the exchange at {@code exchange} on chain {@code chainId}. */
  public static Eip712Domain exchange(long chainId, Address exchange) {
    return new Eip712Domain(EXCHANGE_NAME, EXCHANGE_VERSION, chainId, exchange);
  }
}

package org.spectrumledger.ledger;

/**
 * No contract code at an address the deployment record names: a record for another chain, or a
 * chain restarted (or reset) since the deployment. Thrown by {@link LedgerClient#connect}, by
 * {@link LedgerClient#requireContracts}, and by a read that found no contract to answer it.
 */
public class NoContractException extends LedgerException {
  private final Address address;

  public NoContractException(String contract, Address address, String rpcUrl) {
    this(contract, address, rpcUrl, null);
  }

  /** {@code cause}: the failed read that led to looking, or null when code was looked for. */
  public NoContractException(String contract, Address address, String rpcUrl, Throwable cause) {
    super(
        "no "
            + contract
            + " contract at "
            + address
            + " on "
            + rpcUrl
            + ": is the deployment record for this chain, or was the chain restarted since?",
        cause);
    this.address = address;
  }

  /** {@code found}, said in the words of the caller's case. */
  public NoContractException(NoContractException found, String message) {
    super(message, found);
    this.address = found.address;
  }

  public Address address() {
    return address;
  }
}

package org.spectrumledger.ledger;

/** No contract code at an address the deployment record names: wrong record, or wrong chain. */
public class NoContractException extends LedgerException {
  private final Address address;

  public NoContractException(String contract, Address address, String rpcUrl) {
    super(
        "no "
            + contract
            + " contract at "
            + address
            + " on "
            + rpcUrl
            + ": is the deployment record for this chain?");
    this.address = address;
  }

  public Address address() {
    return address;
  }
}

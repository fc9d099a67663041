package org.spectrumledger.ledger;

/** The ledger node cannot be reached (down, wrong URL, network gone). Retrying may help. */
public class LedgerUnavailableException extends LedgerException {
  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

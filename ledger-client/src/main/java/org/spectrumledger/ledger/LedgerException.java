package org.spectrumledger.ledger;

/** Something went wrong talking to the ledger; subclasses say what. Always carries its cause. */
public class LedgerException extends RuntimeException {
  public LedgerException(String message) {
    super(message);
  }

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}

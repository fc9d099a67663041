package org.spectrumledger.ledger.devchain;

/** A dev chain could not be found, started or reached. */
public class DevChainException extends RuntimeException {
  public DevChainException(String message) {
    super(message);
  }

  public DevChainException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.spectrumledger.broker.store;

/** The broker database failed (infrastructure, not a business outcome). */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

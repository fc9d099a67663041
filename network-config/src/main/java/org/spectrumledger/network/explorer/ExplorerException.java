package org.spectrumledger.network.explorer;

/** The explorer could not be reached or refused a request. */
public final class ExplorerException extends RuntimeException {

  public ExplorerException(String message) {
    super(message);
  }

  public ExplorerException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.spectrumledger.ledger.devchain;

/**
 * The chain asked for cannot run on this machine (Besu without a Docker engine): tests report it as
 * skipped, not failed.
 */
public class DevChainUnavailableException extends DevChainException {
  public DevChainUnavailableException(String message) {
    super(message);
  }

  public DevChainUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

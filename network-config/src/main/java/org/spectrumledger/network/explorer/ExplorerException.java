package org.spectrumledger.network.explorer;

/** The explorer could not be reached ({@link Unreachable}) or refused a request. */
public class ExplorerException extends RuntimeException {

  public ExplorerException(String message) {
    super(message);
  }

  public ExplorerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Nothing answered at the explorer's URL: it is down, or {@code --explorer} is wrong. */
  public static final class Unreachable extends ExplorerException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

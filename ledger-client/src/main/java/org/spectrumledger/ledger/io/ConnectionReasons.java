package org.spectrumledger.ledger.io;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why a request to a node or a broker got no answer, in words, from the whole chain of causes: the
 * HTTP clients wrap the reason (Java's reports a host name that does not resolve as a {@code
 * ConnectException}, OkHttp a request that timed out as the socket it closed), so the outermost
 * exception or the innermost alone often says the wrong thing.
 */
public final class ConnectionReasons {

  private ConnectionReasons() {}

  /**
   * "its host name does not resolve", "connection refused", "no route to the host", "no answer in
   * time", or the innermost cause's message.
   */
  public static String of(Throwable e) {
    boolean refused = false;
    boolean timedOut = false;
    Throwable root = e;
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return "its host name does not resolve";
      }
      if (c instanceof NoRouteToHostException) {
        return "no route to the host";
      }
      if (c instanceof HttpTimeoutException
          || c instanceof SocketTimeoutException
          || (c instanceof java.io.InterruptedIOException && "timeout".equals(c.getMessage()))) {
        timedOut = true;
      }
      if (c instanceof ConnectException) {
        refused = true;
      }
      root = c;
    }
    if (timedOut) {
      return "no answer in time (something listens there but does not reply)";
    }
    if (refused) {
      return "connection refused";
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}

package org.spectrumledger.broker.api;

/**
 * An error, as RFC 9457 {@code application/problem+json}. {@code reason} is a stable slug clients
 * switch on ({@code insufficient-escrow}); {@code detail} a plain sentence for people; {@code
 * errorId} names a server failure in the broker's log (only on a 500).
 */
public record Problem(
    String type, String title, int status, String detail, String reason, @Nullable String errorId) {

  public static final String TYPE_BASE = "https://spectrumledger.org/problems/";

  public static Problem of(int status, String reason, String title, String detail) {
    return new Problem(TYPE_BASE + reason, title, status, detail, reason, null);
  }
}

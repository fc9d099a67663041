package org.spectrumledger.ledger.cli;

import java.time.Instant;

/** Unix times as operators read them. */
public final class Times {
  private Times() {}

  /** {@code 2026-12-02T15:00:00Z (in 42 s)}, or {@code (now)} / {@code (42 s ago)}. */
  public static String isoWithDelay(long unixSeconds, long now) {
    long delta = unixSeconds - now;
    String when = delta > 0 ? "in " + delta + " s" : delta == 0 ? "now" : -delta + " s ago";
    return Instant.ofEpochSecond(unixSeconds) + " (" + when + ")";
  }
}

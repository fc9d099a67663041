package org.spectrumledger.operator.cli;

import org.spectrumledger.broker.api.BrokerClient;

/**
 * {@code --limit} of a listing the broker pages ({@code orders}, {@code trades}, {@code audit}):
 * checked here against the broker's own range, so a bad one is bad input, not a refusal.
 */
final class PageLimit {
  /** For the options' help. */
  static final String RANGE = "1 .. " + BrokerClient.MAX_LIMIT;

  private PageLimit() {}

  static int checked(int limit) {
    if (limit < 1 || limit > BrokerClient.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "--limit must be " + RANGE + " (the most the broker lists at once), got " + limit);
    }
    return limit;
  }
}

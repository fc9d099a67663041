package org.spectrumledger.operator.daemon;

import org.spectrumledger.ledger.MarketKey;

/**
 * Maps the daemon's intervals to market slots: interval k is the slot {@code [first + k·length,
 * first + (k+1)·length)}.
 *
 * @param first the first slot's start (unix seconds)
 * @param length slot length in seconds (3600 hourly, 60 per minute)
 */
public record SlotClock(long first, long length) {
  public SlotClock {
    if (first <= 0 || length <= 0) {
      throw new IllegalArgumentException("slots need a positive start and length");
    }
  }

  public MarketKey market(long band, long cell, long k) {
    long start = first + k * length;
    return new MarketKey(band, cell, start, start + length);
  }
}

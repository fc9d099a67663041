package org.spectrumledger.broker.intake;

import org.spectrumledger.broker.matching.MarketRules;

/**
 * Market rules intake enforces.
 *
 * @param lotSize quantities must be multiples of this many milli-SRU
 * @param tickSize prices must be multiples of this many token base units
 * @param minValiditySeconds an order must stay valid at least this long after it arrives, so it can
 *     still settle
 * @param horizonSeconds how far ahead of now an order's slot may start and its validUntil lie: an
 *     order years ahead is a mistake (milliseconds for seconds) that would hold escrow meanwhile
 */
public record IntakeSettings(
    long lotSize, long tickSize, long minValiditySeconds, long horizonSeconds) {

  /** A century: the longest horizon a broker takes. */
  public static final long MAX_HORIZON_SECONDS = 36_600 * 86_400L;

  /** 366 days: a year's markets, leap day included. */
  public static final long DEFAULT_HORIZON_SECONDS = 366 * 86_400L;

  public IntakeSettings {
    if (lotSize <= 0 || tickSize <= 0 || minValiditySeconds < 0) {
      throw new IllegalArgumentException("lot and tick sizes must be positive, min validity >= 0");
    }
    if (horizonSeconds > MAX_HORIZON_SECONDS) {
      // (now + horizon must not overflow; a century is past any market a broker books)
      throw new IllegalArgumentException(
          "the horizon is at most 36600 days, got " + horizonSeconds + " s");
    }
    if (horizonSeconds <= minValiditySeconds) {
      throw new IllegalArgumentException(
          "the horizon must exceed the minimum validity ("
              + minValiditySeconds
              + " s), got "
              + horizonSeconds
              + " s");
    }
  }

  /** The trading grid these settings set: the one rule both intake and the auctions apply. */
  public MarketRules rules() {
    return new MarketRules(tickSize, lotSize);
  }

  /** These settings with orders taken up to {@code seconds} ahead. */
  public IntakeSettings withHorizonSeconds(long seconds) {
    return new IntakeSettings(lotSize, tickSize, minValiditySeconds, seconds);
  }

  /**
   * Lots of 1 milli-SRU (the agent trades 1.5 SRU = 1,500), ticks of 1,000 base units, 2 s, orders
   * up to 366 days ahead.
   */
  public static IntakeSettings defaults() {
    return new IntakeSettings(1, 1_000, 2, DEFAULT_HORIZON_SECONDS);
  }
}

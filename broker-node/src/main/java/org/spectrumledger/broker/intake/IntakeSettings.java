package org.spectrumledger.broker.intake;

import org.spectrumledger.broker.matching.MarketRules;

/**
 * Market rules intake enforces.
 *
 * @param lotSize quantities must be multiples of this many milli-SRU
 * @param tickSize prices must be multiples of this many token base units
 * @param minValiditySeconds an order must stay valid at least this long after it arrives, so it can
 *     still settle
 */
public record IntakeSettings(long lotSize, long tickSize, long minValiditySeconds) {
  public IntakeSettings {
    if (lotSize <= 0 || tickSize <= 0 || minValiditySeconds < 0) {
      throw new IllegalArgumentException("lot and tick sizes must be positive, min validity >= 0");
    }
  }

  /** The trading grid these settings set: the one rule both intake and the auctions apply. */
  public MarketRules rules() {
    return new MarketRules(tickSize, lotSize);
  }

  /** Lots of 1 milli-SRU (the agent trades 1.5 SRU = 1,500), ticks of 1,000 base units, 2 s. */
  public static IntakeSettings defaults() {
    return new IntakeSettings(1, 1_000, 2);
  }
}

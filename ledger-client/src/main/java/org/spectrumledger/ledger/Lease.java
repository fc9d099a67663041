package org.spectrumledger.ledger;

/**
 * SRU an operator holds by lease in one market.
 *
 * @param operator the holder
 * @param market band, cell and slot
 * @param quantity milli-SRU held
 */
public record Lease(Address operator, MarketKey market, long quantity) {

  /** Whether the lease is in force at unix time {@code t}. */
  public boolean activeAt(long t) {
    return market.slotStart() <= t && t < market.slotEnd();
  }
}

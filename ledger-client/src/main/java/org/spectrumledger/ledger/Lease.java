package org.spectrumledger.ledger;

/**
 * SRU an operator holds by lease in one market.
 *
 * @param operator the holder
 * @param market band, cell and slot
 * @param quantity milli-SRU held
 */
public record Lease(Address operator, MarketKey market, long quantity) {

  /**
   * Most milli-SRU one operator can hold in leases in one market, and most of its licence it can
   * sell there: the exchange's {@code MAX_POSITION} (2^32 - 1, over four million SRU). The exchange
   * keeps four operators' positions in a market in one storage word.
   */
  public static final long MAX_POSITION = 0xFFFF_FFFFL;

  /** Whether the lease is in force at unix time {@code t}. */
  public boolean activeAt(long t) {
    return market.slotStart() <= t && t < market.slotEnd();
  }
}

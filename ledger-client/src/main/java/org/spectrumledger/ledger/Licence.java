package org.spectrumledger.ledger;

/**
 * A base licence: {@code quantity} milli-SRU of a band in a cell over {@code [validFrom,
 * validUntil)}.
 */
public record Licence(
    Address operator, long band, long cell, long quantity, long validFrom, long validUntil) {

  /** Whether the licence covers the whole slot of {@code market}. */
  public boolean covers(MarketKey market) {
    return quantity > 0 && validFrom <= market.slotStart() && market.slotEnd() <= validUntil;
  }
}

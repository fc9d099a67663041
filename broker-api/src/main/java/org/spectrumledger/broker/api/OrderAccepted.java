package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;

/**
 * The answer to an accepted order ({@code 202}) or cancel ({@code 200}): the order's id and status,
 * its fills when it traded at once (a near-RT market) or already has, and the broker's signed
 * intake receipt while the order's market is live.
 */
public record OrderAccepted(
    Bytes32 orderHash,
    OrderStatus status,
    MarketKey market,
    @Nullable List<FillView> fills,
    @Nullable IntakeReceipt intakeReceipt) {

  public OrderAccepted {
    fills = fills == null ? null : List.copyOf(fills);
  }

  /** An answer without an intake receipt. */
  public OrderAccepted(
      Bytes32 orderHash, OrderStatus status, MarketKey market, @Nullable List<FillView> fills) {
    this(orderHash, status, market, fills, null);
  }
}

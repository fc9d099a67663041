package org.spectrumledger.broker.store;

import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.SignedOrder;

/**
 * An accepted order as the broker keeps it.
 *
 * @param orderHash the EIP-712 digest the maker signed (the order's id, as in the exchange's
 *     events)
 * @param order the signed order
 * @param seq arrival sequence (time priority)
 * @param receivedAt when it arrived, epoch milliseconds
 * @param status open, filled, cancelled, expired or rejected
 * @param matched milli-SRU matched in clearings not dropped (settled or settling)
 * @param settled milli-SRU settled on chain
 * @param reason why it was rejected or cancelled, or null
 */
public record OrderRecord(
    Bytes32 orderHash,
    SignedOrder order,
    long seq,
    long receivedAt,
    OrderState status,
    long matched,
    long settled,
    String reason) {

  /** Milli-SRU not yet matched. */
  public long open() {
    return order.order().quantity() - matched;
  }
}

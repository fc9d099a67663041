package org.spectrumledger.broker.api;

import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;

/**
 * An accepted order as the broker sees it ({@code GET /v1/orders/{orderHash}}), with its fills.
 *
 * @param orderHash the order's EIP-712 struct hash: its id from the maker to the chain
 * @param matched milli-SRU matched in auctions so far
 * @param settled milli-SRU settled on chain so far
 * @param reason why it closed, when it was rejected or expired
 */
public record OrderView(
    Bytes32 orderHash,
    Address maker,
    long nonce,
    Side side,
    MarketKey market,
    Timescale timescale,
    long quantity,
    long limitPrice,
    long validUntil,
    boolean partialFill,
    OrderStatus status,
    long matched,
    long settled,
    @Nullable String reason,
    List<FillView> fills) {

  public OrderView {
    fills = List.copyOf(fills);
  }
}

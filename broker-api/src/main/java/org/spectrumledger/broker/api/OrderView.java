package org.spectrumledger.broker.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Side;

/**
 * An accepted order as the broker sees it ({@code GET /v1/orders/{orderHash}}), with its fills.
 *
 * @param orderHash the order's hash, the EIP-712 digest its maker signed ({@code hashOrder} on the
 *     exchange, {@code TypedDataEncoder.hash} in ethers): its id from the maker to the chain
 * @param matched milli-SRU matched in auctions so far
 * @param settled milli-SRU settled on chain so far
 * @param reason why it closed, when it was rejected or expired
 */
public record OrderView(
    Bytes32 orderHash,
    Address maker,
    @JsonSerialize(using = WireJson.Uint64.Writer.class)
        @JsonDeserialize(using = WireJson.Uint64.class)
        long nonce,
    Side side,
    MarketKey market,
    Timescale timescale,
    long quantity,
    long limitPrice,
    @JsonSerialize(using = WireJson.Uint64.Writer.class)
        @JsonDeserialize(using = WireJson.Uint64.class)
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

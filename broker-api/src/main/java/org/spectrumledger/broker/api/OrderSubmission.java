package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * A signed order as clients send it ({@code POST /v1/orders}): the EIP-712 order's fields and the
 * maker's signature. The cell is a decimal or 0x-hex string (an unsigned 64-bit value); {@code
 * chainId} and {@code exchange} are optional and, when given, must name the broker's deployment.
 */
public record OrderSubmission(
    Address maker,
    Side side,
    Long band,
    String cell,
    Long slotStart,
    Long slotEnd,
    Long quantity,
    Long limitPrice,
    Long nonce,
    Long validUntil,
    Boolean partialFill,
    String signature,
    @Nullable Long chainId,
    @Nullable Address exchange) {

  /** The signed order; throws {@link IllegalArgumentException} naming the first bad field. */
  public SignedOrder toSignedOrder() {
    MarketKey market =
        new MarketKey(
            required(band, "band"),
            CellId.parse(required(cell, "cell")).value(),
            required(slotStart, "slotStart"),
            required(slotEnd, "slotEnd"));
    Order order =
        new Order(
            required(maker, "maker"),
            required(side, "side"),
            market,
            required(quantity, "quantity"),
            required(limitPrice, "limitPrice"),
            required(nonce, "nonce"),
            required(validUntil, "validUntil"),
            required(partialFill, "partialFill"));
    return new SignedOrder(order, Signature.fromHex(required(signature, "signature")));
  }

  /** The body that submits {@code signed}. */
  public static OrderSubmission of(SignedOrder signed) {
    Order o = signed.order();
    return new OrderSubmission(
        o.maker(),
        o.side(),
        o.market().band(),
        new CellId(o.market().cell()).toString(),
        o.market().slotStart(),
        o.market().slotEnd(),
        o.quantity(),
        o.limitPrice(),
        o.nonce(),
        o.validUntil(),
        o.partialFill(),
        signed.signature().toHex(),
        null,
        null);
  }

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return value;
  }
}

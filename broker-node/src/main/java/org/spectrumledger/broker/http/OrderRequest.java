package org.spectrumledger.broker.http;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * A signed order as clients send it ({@code POST /v1/orders}). Numbers are JSON numbers; the cell
 * is a decimal or 0x-hex string (it is an unsigned 64-bit value); side is {@code bid} or {@code
 * ask}; {@code chainId} and {@code exchange} are optional and, when given, must name this broker's
 * deployment.
 */
public record OrderRequest(
    String maker,
    String side,
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
    Long chainId,
    String exchange) {

  /** The signed order; throws IllegalArgumentException naming the first bad field. */
  public SignedOrder toSignedOrder() {
    Side s =
        switch (required(side, "side")) {
          case "bid" -> Side.BID;
          case "ask" -> Side.ASK;
          default ->
              throw new IllegalArgumentException(
                  "side must be \"bid\" or \"ask\", not \"" + side + "\"");
        };
    MarketKey market =
        new MarketKey(
            required(band, "band"),
            CellId.parse(required(cell, "cell")).value(),
            required(slotStart, "slotStart"),
            required(slotEnd, "slotEnd"));
    Order order =
        new Order(
            Address.of(required(maker, "maker")),
            s,
            market,
            required(quantity, "quantity"),
            required(limitPrice, "limitPrice"),
            required(nonce, "nonce"),
            required(validUntil, "validUntil"),
            required(partialFill, "partialFill"));
    return new SignedOrder(order, Signature.fromHex(required(signature, "signature")));
  }

  public Address exchangeAddress() {
    return exchange == null ? null : Address.of(exchange);
  }

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return value;
  }

  /** The request body for {@code signed}. */
  public static OrderRequest of(SignedOrder signed) {
    Order o = signed.order();
    return new OrderRequest(
        o.maker().hex(),
        o.side() == Side.BID ? "bid" : "ask",
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
}

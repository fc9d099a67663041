package org.spectrumledger.broker.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigInteger;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * A signed order as clients send it ({@code POST /v1/orders}): the EIP-712 order's fields and the
 * maker's signature. Every integer is a decimal string or a JSON number over the contract's range:
 * {@code nonce} and {@code validUntil} are uint64, {@code limitPrice} a uint128 (the broker refuses
 * a price above its highest tradable price, a market rule, with {@link OutOfRange}). The cell is a
 * decimal or 0x-hex string (an unsigned 64-bit value); {@code chainId} and {@code exchange} are
 * optional and, when given, must name the broker's deployment.
 */
public record OrderSubmission(
    Address maker,
    Side side,
    Long band,
    String cell,
    Long slotStart,
    Long slotEnd,
    Long quantity,
    @JsonDeserialize(using = WireJson.Uint128.class) @JsonSerialize(using = WireJson.Decimal.class)
        BigInteger limitPrice,
    @JsonDeserialize(using = WireJson.Uint64.class)
        @JsonSerialize(using = WireJson.Uint64.Writer.class)
        Long nonce,
    @JsonDeserialize(using = WireJson.Uint64.class)
        @JsonSerialize(using = WireJson.Uint64.Writer.class)
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
            price(required(limitPrice, "limitPrice")),
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
        BigInteger.valueOf(o.limitPrice()),
        o.nonce(),
        o.validUntil(),
        o.partialFill(),
        signed.signature().toHex(),
        null,
        null);
  }

  /**
   * A valid uint128 the broker cannot trade: a limit price above the highest price it books. A
   * market rule, not a malformed order.
   */
  public static final class OutOfRange extends IllegalArgumentException {
    public OutOfRange(String message) {
      super(message);
    }
  }

  private static long price(BigInteger limitPrice) {
    if (limitPrice.bitLength() > 63) {
      throw new OutOfRange(
          "limitPrice "
              + limitPrice
              + " is above the highest price this broker trades, "
              + Long.MAX_VALUE
              + " base units a SRU");
    }
    return limitPrice.longValue();
  }

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return value;
  }
}

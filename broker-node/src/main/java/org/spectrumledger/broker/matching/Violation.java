package org.spectrumledger.broker.matching;

import java.util.OptionalLong;

/**
 * One reason the exchange would reject a clearing.
 *
 * @param kind which rule is broken
 * @param orderId the order at fault, empty for rules of the whole market (price, balance)
 * @param message what was found, with the offending values
 */
public record Violation(Kind kind, OptionalLong orderId, String message) {

  /** The rules of {@code SpectrumExchange.settleBatch} for one market, and the result's shape. */
  public enum Kind {
    /** Orders trade but the price is not positive ({@code ExchangeZeroPrice}). */
    NON_POSITIVE_PRICE,
    /** A filled bid's limit is below the price ({@code ExchangeBidBelowPrice}). */
    BID_BELOW_PRICE,
    /** A filled ask's limit is above the price ({@code ExchangeAskAbovePrice}). */
    ASK_ABOVE_PRICE,
    /** The bid fills and the ask fills do not sum to the same ({@code ExchangeUnbalancedFills}). */
    UNBALANCED,
    /** A fill is zero or negative ({@code ExchangeZeroFill}). */
    NON_POSITIVE_FILL,
    /** A fill exceeds the order's open quantity ({@code ExchangeOrderOverfilled}). */
    OVERFILL,
    /** An all-or-none order is filled in part ({@code ExchangePartialFillNotAllowed}). */
    PARTIAL_ALL_OR_NONE,
    /** A fill names an order that is not in the input. */
    UNKNOWN_ORDER,
    /** An order is filled twice in one clearing. */
    DUPLICATE_FILL,
    /** A fill is listed on the other side from its order. */
    WRONG_SIDE
  }

  public Violation {
    if (kind == null || orderId == null || message == null) {
      throw new IllegalArgumentException("a violation needs a kind, an order id (or none), a text");
    }
  }
}

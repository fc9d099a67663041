package org.spectrumledger.broker.intake;

/** Why the broker refused an order or a cancel; each maps to an HTTP status. */
public enum Rejection {
  UNSUPPORTED_MEDIA_TYPE(415, "the request body is not sent as JSON"),
  MALFORMED(400, "the request is not well-formed"),
  WRONG_DOMAIN(400, "the order was signed for another chain or exchange"),
  BAD_SIGNATURE(400, "the signature does not recover to the maker"),
  UNKNOWN_OPERATOR(403, "the maker is not a registered operator"),
  SUSPENDED(403, "the maker is suspended"),
  EXPIRED(400, "the order has expired"),
  SLOT_ENDED(400, "the market's slot has ended"),
  TOO_FAR_AHEAD(400, "the order's slot or validity lies beyond the broker's horizon"),
  LOT_SIZE(400, "the quantity is not a multiple of the lot size"),
  TOO_LARGE(400, "the quantity is more than one operator can hold in one market"),
  TICK_SIZE(400, "the price is not a multiple of the tick size"),
  DUPLICATE(409, "an order with this maker and nonce was already accepted"),
  NONCE_CANCELLED(409, "the maker cancelled this nonce"),
  INSUFFICIENT_ESCROW(409, "the maker's escrow cannot pay for the open bids"),
  INSUFFICIENT_HOLDINGS(409, "the maker does not hold the SRU its open asks sell"),
  SELF_TRADE(409, "the maker already has an order on the other side of this market"),
  LIMIT_BELOW_FEE(400, "the bid's limit cannot cover the smallest price plus the fee"),
  MARKET_CLOSED(
      409, "the market cannot trade (band unknown or inactive, protected, or sensed busy)"),
  UNKNOWN_ORDER(404, "no such order"),
  NOT_CANCELLABLE(409, "the order is no longer open"),
  CHAIN_UNAVAILABLE(503, "the chain cannot be read to check the order");

  private final int httpStatus;
  private final String title;

  Rejection(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }

  /** The problem-type slug: {@code bad-signature} for BAD_SIGNATURE. */
  public String slug() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Signature;

/**
 * The broker's signed promise, given when it accepts an order: EIP-712 {@code IntakeReceipt(bytes32
 * orderHash, uint256 marketId, uint64 acceptedAt, uint64 sequence)} under the exchange's domain,
 * signed with the broker's key. Every auction of {@code market} the broker settles with a cut-off
 * at or after {@code acceptedAt} (unix milliseconds) commits a book that holds the order; {@code
 * sequence} is its place in time priority, unique for the life of the deployment. If a committed
 * book leaves the order out, the receipt's holder may challenge it in the broker court, which pays
 * the maker from the broker's bond unless the broker shows the order's leaf in the book.
 */
public record IntakeReceipt(
    Bytes32 orderHash, MarketKey market, long acceptedAt, long sequence, String signature) {

  /** The signed message, for checking the signature. */
  public OffChainMessages.IntakeReceipt message() {
    return new OffChainMessages.IntakeReceipt(orderHash, market, acceptedAt, sequence);
  }

  public Signature signatureValue() {
    return Signature.fromHex(signature);
  }
}

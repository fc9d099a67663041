package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.Signature;

/**
 * The broker's signed promise of a near-RT fill: EIP-712 {@code FillReceipt(bytes32 orderHash,
 * uint64 fillQuantity, uint64 filledAfter, uint128 price, uint64 clearingId, uint64 settleBy)}
 * under the exchange's domain, signed with the broker's key. {@code filledAfter} is the order's
 * milli-SRU filled once this fill settles (the broker's earlier fills of it included); {@code
 * clearingId} is the clearing's id in the broker's store, unique for the life of the deployment;
 * {@code settleBy} is a unix time in seconds. If the chain shows less than {@code filledAfter} of
 * the order filled after {@code settleBy}, anyone may claim the receipt in the broker court, which
 * pays the maker from the broker's bond.
 */
public record FillReceipt(
    Bytes32 orderHash,
    long fillQuantity,
    long filledAfter,
    long price,
    long clearingId,
    long settleBy,
    String signature) {

  /** The signed message, for checking the signature. */
  public OffChainMessages.FillReceipt message() {
    return new OffChainMessages.FillReceipt(
        orderHash, fillQuantity, filledAfter, price, clearingId, settleBy);
  }

  public Signature signatureValue() {
    return Signature.fromHex(signature);
  }

  /**
   * Whether this receipt promises all of an order of {@code quantity} milli-SRU and was still due
   * at an auction cut off at {@code cutoff} (unix ms): the broker court accepts it as the reason
   * the order had nothing left to fill in that auction (within the exchange's settlement window,
   * which the court checks too).
   */
  public boolean promisesAllBy(long quantity, long cutoff) {
    return filledAfter >= quantity && settleBy * 1000 >= cutoff;
  }
}

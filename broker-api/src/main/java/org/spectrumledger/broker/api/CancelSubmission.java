package org.spectrumledger.broker.api;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Signature;

/**
 * A maker's signed cancel ({@code POST /v1/cancels}): the EIP-712 {@code Cancel(address maker,
 * uint64 nonce)} under the exchange's domain. It takes the order out of the broker's book at once;
 * only the maker's own {@code cancelOrders} transaction cancels it on chain.
 */
public record CancelSubmission(Address maker, Long nonce, String signature) {

  public Address makerAddress() {
    return OrderSubmission.required(maker, "maker");
  }

  public long nonceValue() {
    long n = OrderSubmission.required(nonce, "nonce");
    if (n < 0) {
      throw new IllegalArgumentException("field \"nonce\" must not be negative");
    }
    return n;
  }

  public Signature signatureValue() {
    return Signature.fromHex(OrderSubmission.required(signature, "signature"));
  }

  public static CancelSubmission of(Address maker, long nonce, Signature signature) {
    return new CancelSubmission(maker, nonce, signature.toHex());
  }
}

package org.spectrumledger.broker.http;

import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Signature;

/**
 * A maker's signed cancel ({@code POST /v1/cancels}): the EIP-712 {@code Cancel(address maker,
 * uint64 nonce)} under the exchange's domain. It takes the order out of the broker's book; only the
 * maker's own {@code cancelOrders} transaction cancels it on chain.
 */
public record CancelRequest(String maker, Long nonce, String signature) {
  public Address makerAddress() {
    return Address.of(OrderRequest.required(maker, "maker"));
  }

  public long nonceValue() {
    long n = OrderRequest.required(nonce, "nonce");
    if (n < 0) {
      throw new IllegalArgumentException("nonce must not be negative");
    }
    return n;
  }

  public Signature signatureValue() {
    return Signature.fromHex(OrderRequest.required(signature, "signature"));
  }
}

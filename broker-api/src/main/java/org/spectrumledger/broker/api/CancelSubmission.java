package org.spectrumledger.broker.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Signature;

/**
 * A maker's signed cancel ({@code POST /v1/cancels}): the EIP-712 {@code Cancel(address maker,
 * uint64 nonce)} under the exchange's domain. It takes the order out of the broker's book at once;
 * only the maker's own {@code cancelOrders} transaction cancels it on chain.
 */
public record CancelSubmission(
    Address maker,
    @JsonDeserialize(using = WireJson.Uint64.class)
        @JsonSerialize(using = WireJson.Uint64.Writer.class)
        Long nonce,
    String signature) {

  public Address makerAddress() {
    return OrderSubmission.required(maker, "maker");
  }

  public long nonceValue() {
    return OrderSubmission.required(nonce, "nonce");
  }

  public Signature signatureValue() {
    return Signature.fromHex(OrderSubmission.required(signature, "signature"));
  }

  public static CancelSubmission of(Address maker, long nonce, Signature signature) {
    return new CancelSubmission(maker, nonce, signature.toHex());
  }
}

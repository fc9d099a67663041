package org.spectrumledger.ledger;

/**
 * An order with its maker's EIP-712 signature.
 *
 * @param order the order
 * @param signature the maker's signature over the order's EIP-712 digest
 */
public record SignedOrder(Order order, Signature signature) {
  public SignedOrder {
    if (order == null || signature == null) {
      throw new IllegalArgumentException("a signed order needs an order and a signature");
    }
  }
}

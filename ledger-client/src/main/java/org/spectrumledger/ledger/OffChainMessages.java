package org.spectrumledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * EIP-712 messages that never go on chain but are signed under the exchange's domain, so a
 * signature is bound to one deployment: an operator's signed cancel sent to the broker, and the
 * broker's signed fill receipt sent to an operator.
 */
public final class OffChainMessages {

  /** The type string of a signed cancel. */
  public static final String CANCEL_TYPE = "Cancel(address maker,uint64 nonce)";

  /** The type string of a broker's fill receipt. */
  public static final String RECEIPT_TYPE =
      "FillReceipt(bytes32 orderHash,uint64 fillQuantity,uint128 price,uint64 clearingId,uint64 settleBy)";

  private static final byte[] CANCEL_TYPEHASH =
      OrderHasher.keccak(CANCEL_TYPE.getBytes(StandardCharsets.UTF_8));
  private static final byte[] RECEIPT_TYPEHASH =
      OrderHasher.keccak(RECEIPT_TYPE.getBytes(StandardCharsets.UTF_8));

  private final OrderHasher hasher;

  public OffChainMessages(Eip712Domain domain) {
    this.hasher = new OrderHasher(domain);
  }

  /** A broker's promise that an order was filled at a price, to be settled by {@code settleBy}. */
  public record FillReceipt(
      Bytes32 orderHash, long fillQuantity, long price, long clearingId, long settleBy) {}

  /** The digest an operator signs to cancel its order {@code nonce} at the broker. */
  public byte[] cancelDigest(Address maker, long nonce) {
    byte[] buf = new byte[96];
    System.arraycopy(CANCEL_TYPEHASH, 0, buf, 0, 32);
    System.arraycopy(maker.bytes(), 0, buf, 44, 20);
    putLong(buf, 64, nonce);
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  /** The digest the broker signs for a fill receipt. */
  public byte[] receiptDigest(FillReceipt r) {
    byte[] buf = new byte[192];
    System.arraycopy(RECEIPT_TYPEHASH, 0, buf, 0, 32);
    System.arraycopy(r.orderHash().bytes(), 0, buf, 32, 32);
    putLong(buf, 64, r.fillQuantity());
    putLong(buf, 96, r.price());
    putLong(buf, 128, r.clearingId());
    putLong(buf, 160, r.settleBy());
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  /** Signs a cancel of {@code nonce} with the maker's key. */
  public Signature signCancel(SigningKey maker, long nonce) {
    return maker.sign(cancelDigest(maker.address(), nonce));
  }

  /** Whether {@code signature} is {@code maker}'s cancel of {@code nonce}. */
  public boolean verifyCancel(Address maker, long nonce, Signature signature) {
    return OrderSigner.recover(cancelDigest(maker, nonce), signature)
        .map(maker::equals)
        .orElse(false);
  }

  public Signature signReceipt(SigningKey broker, FillReceipt r) {
    return broker.sign(receiptDigest(r));
  }

  /** The broker that signed {@code receipt}, if the signature recovers. */
  public Optional<Address> receiptSigner(FillReceipt receipt, Signature signature) {
    return OrderSigner.recover(receiptDigest(receipt), signature);
  }

  private static void putLong(byte[] buf, int wordOffset, long v) {
    for (int i = 0; i < 8; i++) {
      buf[wordOffset + 31 - i] = (byte) (v >>> (8 * i));
    }
  }
}

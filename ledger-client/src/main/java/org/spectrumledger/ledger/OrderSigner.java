package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Signs orders for one exchange domain and recovers their signers, as the exchange does. */
public final class OrderSigner {

  private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

  private final OrderHasher hasher;

  public OrderSigner(Eip712Domain domain) {
    this.hasher = new OrderHasher(domain);
  }

  public OrderHasher hasher() {
    return hasher;
  }

  public Eip712Domain domain() {
    return hasher.domain();
  }

  /** Signs {@code order} with {@code key}; the key must be the order's maker. */
  public SignedOrder sign(Order order, SigningKey key) {
    if (!key.address().equals(order.maker())) {
      throw new IllegalArgumentException(
          "order maker " + order.maker() + " is not the signing key's address " + key.address());
    }
    return new SignedOrder(order, key.sign(hasher.digest(order)));
  }

  /**
   * The address the signature recovers to under this domain, or empty when it recovers to none (a
   * malformed or high-s signature is refused, as the exchange refuses it).
   */
  public Optional<Address> recover(SignedOrder signed) {
    return recover(hasher.digest(signed.order()), signed.signature());
  }

  /** Whether the signature recovers to the order's maker under this domain. */
  public boolean verify(SignedOrder signed) {
    return recover(signed).map(signed.order().maker()::equals).orElse(false);
  }

  /** The address {@code signature} over {@code digest} recovers to, if any. */
  public static Optional<Address> recover(byte[] digest, Signature signature) {
    BigInteger r = new BigInteger(1, signature.r().bytes());
    BigInteger s = new BigInteger(1, signature.s().bytes());
    if (r.signum() == 0 || s.signum() == 0 || s.compareTo(HALF_N) > 0) {
      return Optional.empty();
    }
    if (r.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
      return Optional.empty();
    }
    BigInteger key;
    try {
      key = Sign.recoverFromSignature(signature.v() - 27, new ECDSASignature(r, s), digest);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return key == null ? Optional.empty() : Optional.of(Address.of(Keys.getAddress(key)));
  }
}

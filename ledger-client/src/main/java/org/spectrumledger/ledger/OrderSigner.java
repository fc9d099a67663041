package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Signs orders for one exchange domain and recovers their signers, as the exchange does. */
public final class OrderSigner {

  private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);
  private static final org.bouncycastle.crypto.params.ECDomainParameters CURVE =
      new org.bouncycastle.crypto.params.ECDomainParameters(
          Sign.CURVE_PARAMS.getCurve(),
          Sign.CURVE_PARAMS.getG(),
          Sign.CURVE_PARAMS.getN(),
          Sign.CURVE_PARAMS.getH());
  private static final int KNOWN_KEYS_LIMIT = 100_000;

  private final OrderHasher hasher;

  /**
   * Public keys of signers seen before, by address. Checking a signature against a known key skips
   * the square root of recovery, and the point keeps its precomputed multiples across calls, which
   * makes the check about twice as fast as recovering.
   */
  private final java.util.concurrent.ConcurrentHashMap<Address, org.bouncycastle.math.ec.ECPoint>
      knownKeys = new java.util.concurrent.ConcurrentHashMap<>();

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

  /**
   * Whether {@code signature} over {@code digest} recovers to {@code signer}, exactly as {@code
   * ecrecover} on chain would (the recovery bit included): verified against the signer's known
   * public key when it has signed before, recovered otherwise.
   */
  public boolean signedBy(Address signer, byte[] digest, Signature signature) {
    BigInteger r = new BigInteger(1, signature.r().bytes());
    BigInteger s = new BigInteger(1, signature.s().bytes());
    BigInteger n = CURVE.getN();
    if (r.signum() == 0 || s.signum() == 0 || s.compareTo(HALF_N) > 0 || r.compareTo(n) >= 0) {
      return false;
    }
    org.bouncycastle.math.ec.ECPoint q = knownKeys.get(signer);
    if (q == null) {
      BigInteger key;
      try {
        key = Sign.recoverFromSignature(signature.v() - 27, new ECDSASignature(r, s), digest);
      } catch (RuntimeException e) {
        return false;
      }
      if (key == null || !Address.of(Keys.getAddress(key)).equals(signer)) {
        return false;
      }
      if (knownKeys.size() < KNOWN_KEYS_LIMIT) {
        byte[] raw = new byte[65];
        raw[0] = 0x04;
        byte[] k = key.toByteArray();
        int len = Math.min(k.length, 64);
        System.arraycopy(k, k.length - len, raw, 65 - len, len);
        knownKeys.put(signer, CURVE.getCurve().decodePoint(raw));
      }
      return true;
    }
    // ECDSA verification that also pins the recovery bit: the point u1·G + u2·Q is the signer's
    // nonce point R, whose x must be r (not merely r mod n) and whose y parity must match v.
    BigInteger e = new BigInteger(1, digest);
    BigInteger w = s.modInverse(n);
    BigInteger u1 = e.multiply(w).mod(n);
    BigInteger u2 = r.multiply(w).mod(n);
    org.bouncycastle.math.ec.ECPoint point =
        org.bouncycastle.math.ec.ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, q, u2)
            .normalize();
    return !point.isInfinity()
        && point.getAffineXCoord().toBigInteger().equals(r)
        && point.getAffineYCoord().testBitZero() == (signature.v() == 28);
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

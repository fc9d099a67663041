package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.spectrumledger.ledger.internal.KeyRecovery;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/** Signs orders for one exchange domain and recovers their signers, as the exchange does. */
public final class OrderSigner {

  /** libsecp256k1 where it loads, Bouncy Castle otherwise. */
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

  /** The recovery to use, or null for {@link KeyRecovery#best()}, loaded on first use. */
  private final KeyRecovery chosen;

  public OrderSigner(Eip712Domain domain) {
    this(domain, null);
  }

  /** With a given recovery, for tests that check both implementations. */
  OrderSigner(Eip712Domain domain, KeyRecovery recovery) {
    this.hasher = new OrderHasher(domain);
    this.chosen = recovery;
  }

  /**
   * The recovery this signer uses: the one given, else the best available. Looked up on use, so a
   * client that only signs or reads never loads the native library.
   */
  private KeyRecovery recovery() {
    return chosen != null ? chosen : KeyRecovery.best();
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
    return recover(recovery(), hasher.digest(signed.order()), signed.signature());
  }

  /** Whether the signature recovers to the order's maker under this domain. */
  public boolean verify(SignedOrder signed) {
    return recover(signed).map(signed.order().maker()::equals).orElse(false);
  }

  /**
   * Whether {@code signature} over {@code digest} recovers to {@code signer}, exactly as {@code
   * ecrecover} on chain would (the recovery bit included). With libsecp256k1 the signer is
   * recovered; with Bouncy Castle it is verified against the signer's known public key when it has
   * signed before, recovered otherwise.
   */
  public boolean signedBy(Address signer, byte[] digest, Signature signature) {
    byte[] r = signature.r().bytes();
    byte[] s = signature.s().bytes();
    if (!KeyRecovery.acceptable(r, s)) {
      return false;
    }
    KeyRecovery recovery = recovery();
    if (recovery != KeyRecovery.bouncyCastle()) {
      byte[] key = recovery.recover(digest, r, s, signature.v() - 27);
      return key != null && address(key).equals(signer);
    }
    org.bouncycastle.math.ec.ECPoint q = knownKeys.get(signer);
    if (q == null) {
      byte[] key = recovery.recover(digest, r, s, signature.v() - 27);
      if (key == null || !address(key).equals(signer)) {
        return false;
      }
      if (knownKeys.size() < KNOWN_KEYS_LIMIT) {
        byte[] raw = new byte[65];
        raw[0] = 0x04;
        System.arraycopy(key, 0, raw, 1, 64);
        knownKeys.put(signer, CURVE.getCurve().decodePoint(raw));
      }
      return true;
    }
    // ECDSA verification that also pins the recovery bit: the point u1·G + u2·Q is the signer's
    // nonce point R, whose x must be r (not merely r mod n) and whose y parity must match v.
    BigInteger n = CURVE.getN();
    BigInteger rr = new BigInteger(1, r);
    BigInteger ss = new BigInteger(1, s);
    BigInteger e = new BigInteger(1, digest);
    BigInteger w = ss.modInverse(n);
    BigInteger u1 = e.multiply(w).mod(n);
    BigInteger u2 = rr.multiply(w).mod(n);
    org.bouncycastle.math.ec.ECPoint point =
        org.bouncycastle.math.ec.ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, q, u2)
            .normalize();
    return !point.isInfinity()
        && point.getAffineXCoord().toBigInteger().equals(rr)
        && point.getAffineYCoord().testBitZero() == (signature.v() == 28);
  }

  /** The address {@code signature} over {@code digest} recovers to, if any. */
  public static Optional<Address> recover(byte[] digest, Signature signature) {
    return recover(KeyRecovery.best(), digest, signature);
  }

  /**
   * The address {@code signature} over {@code digest} recovers to with {@code recovery}, if any: a
   * malformed or high-s signature recovers to none.
   */
  public static Optional<Address> recover(
      KeyRecovery recovery, byte[] digest, Signature signature) {
    byte[] r = signature.r().bytes();
    byte[] s = signature.s().bytes();
    if (!KeyRecovery.acceptable(r, s)) {
      return Optional.empty();
    }
    byte[] key = recovery.recover(digest, r, s, signature.v() - 27);
    return key == null ? Optional.empty() : Optional.of(address(key));
  }

  /** The address of a 64-byte public key x ‖ y: the last 20 bytes of its Keccak-256. */
  private static Address address(byte[] publicKey) {
    byte[] hash = Hash.sha3(publicKey);
    return new Address(Hex.encode(Arrays.copyOfRange(hash, 12, 32)));
  }
}

package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A secp256k1 private key and its address. Its {@code toString} shows the address only: a key never
 * reaches a log.
 */
public final class SigningKey {

  private final ECKeyPair keyPair;
  private final Address address;
  // the keys as the native library takes them: 32 bytes, and 64 bytes x ‖ y
  private final byte[] privateKey;
  private final byte[] publicKey;

  private SigningKey(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.address = Address.of(Keys.getAddress(keyPair.getPublicKey()));
    this.privateKey = Hex.decode(exportPrivateKey());
    this.publicKey = Hex.decode(publicKeyHex());
  }

  /** The key with this private key (64 hex digits, optionally after 0x). */
  public static SigningKey fromPrivateKey(String hex) {
    byte[] raw;
    try {
      raw = Hex.decode(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("private key is not hex", e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("private key must be 32 bytes, got " + raw.length);
    }
    BigInteger d = new BigInteger(1, raw);
    if (d.signum() == 0 || d.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
      throw new IllegalArgumentException("private key is out of the curve's range");
    }
    return new SigningKey(ECKeyPair.create(d));
  }

  /** A new random key. */
  public static SigningKey random(SecureRandom random) {
    try {
      byte[] raw = new byte[32];
      while (true) {
        random.nextBytes(raw);
        BigInteger d = new BigInteger(1, raw);
        if (d.signum() > 0 && d.compareTo(Sign.CURVE_PARAMS.getN()) < 0) {
          return new SigningKey(ECKeyPair.create(d));
        }
      }
    } finally {
      // nothing to clear: BigInteger copies
    }
  }

  public Address address() {
    return address;
  }

  /** The 64-byte uncompressed public key (without the 0x04 prefix), as hex. */
  public String publicKeyHex() {
    byte[] raw = keyPair.getPublicKey().toByteArray();
    byte[] out = new byte[64];
    int n = Math.min(raw.length, 64);
    System.arraycopy(raw, raw.length - n, out, 64 - n, n);
    return Hex.encode(out);
  }

  /**
   * Signs a 32-byte digest as it is (no prefix, no further hashing), with a low s as the contracts
   * require: with libsecp256k1 where it loads (several times faster), else Bouncy Castle; both use
   * RFC 6979's deterministic nonce, so the signature is the same either way.
   */
  public Signature sign(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a digest is 32 bytes, got " + digest.length);
    }
    byte[] rsv =
        org.spectrumledger.ledger.internal.KeyRecovery.best().sign(digest, privateKey, publicKey);
    if (rsv != null) {
      return Signature.fromBytes(rsv);
    }
    Sign.SignatureData sig = Sign.signMessage(digest, keyPair, false);
    return new Signature(Bytes32.wrap(sig.getR()), Bytes32.wrap(sig.getS()), sig.getV()[0] & 0xff);
  }

  /**
   * The private key as hex, for an encrypted keystore or a test fixture. Everything else should
   * pass the {@code SigningKey} itself.
   */
  public String exportPrivateKey() {
    byte[] raw = keyPair.getPrivateKey().toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return Hex.encode(out);
  }

  ECKeyPair keyPair() {
    return keyPair;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && k.address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "SigningKey[" + address + "]";
  }
}

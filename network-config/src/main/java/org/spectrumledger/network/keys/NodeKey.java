package org.spectrumledger.network.keys;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.SigningKey;

/**
 * A secp256k1 key made with Bouncy Castle, as a Besu node or an account uses it: the enode id is
 * the uncompressed public key without its {@code 0x04} prefix, the address the last 20 bytes of the
 * public key's keccak-256.
 *
 * <p>{@link #toString()} shows the address only: a private key never reaches a log.
 */
public final class NodeKey {

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

  private final BigInteger privateKey;
  private final byte[] publicKey;
  private final Address address;

  private NodeKey(BigInteger privateKey) {
    this.privateKey = privateKey;
    ECPoint point = new FixedPointCombMultiplier().multiply(DOMAIN.getG(), privateKey).normalize();
    byte[] encoded = point.getEncoded(false);
    this.publicKey = Arrays.copyOfRange(encoded, 1, encoded.length);
    byte[] hash = new Keccak.Digest256().digest(publicKey);
    this.address = Address.of(Hex.encode(Arrays.copyOfRange(hash, 12, 32)));
  }

  /**
   * A new key from Bouncy Castle's EC key pair generator over secp256k1. Production callers pass a
   * fresh {@link SecureRandom}; tests pass a seeded one to get the same keys every run.
   */
  public static NodeKey generate(SecureRandom random) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(DOMAIN, random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return new NodeKey(((ECPrivateKeyParameters) pair.getPrivate()).getD());
  }

  /** The key with this private key: 64 hex digits, optionally after {@code 0x}. */
  public static NodeKey fromPrivateKey(String hex) {
    byte[] raw;
    try {
      raw = Hex.decode(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a private key is hex: " + e.getMessage(), e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("a private key is 32 bytes, got " + raw.length);
    }
    BigInteger d = new BigInteger(1, raw);
    if (d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0) {
      throw new IllegalArgumentException("the private key is out of secp256k1's range");
    }
    return new NodeKey(d);
  }

  /** The enode id: the 64-byte public key without the 0x04 prefix, 128 hex digits, no 0x. */
  public String enodeId() {
    return Hex.encode(publicKey).substring(2);
  }

  /** The public key as Besu exports it ({@code besu public-key export}): 0x and 128 hex digits. */
  public String publicKeyHex() {
    return Hex.encode(publicKey);
  }

  public Address address() {
    return address;
  }

  /**
   * The private key as 64 hex digits without 0x: Besu's node key file format. Only key files and
   * keystores call this.
   */
  String privateKeyHex() {
    byte[] raw = privateKey.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return Hex.encode(out).substring(2);
  }

  /** The same key as the ledger client signs with. */
  public SigningKey toSigningKey() {
    return SigningKey.fromPrivateKey(privateKeyHex());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKey k && k.address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "NodeKey[" + address + "]";
  }
}

package org.spectrumledger.ledger.internal;

import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import org.slf4j.Logger;

/**
 * Recovery with libsecp256k1 (bitcoin-core's library, bundled by secp256k1-kmp for linux and
 * Windows), several times faster than Bouncy Castle: its field arithmetic is constant-size limbs in
 * C rather than {@code BigInteger}s, and it allocates nothing per call but the result.
 */
final class NativeRecovery extends KeyRecovery {

  /** The curve order n and n/2. */
  private static final BigInteger ORDER =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);

  private final Secp256k1 lib;

  private NativeRecovery(Secp256k1 lib) {
    this.lib = lib;
  }

  /**
   * The native implementation, or null when the library does not load here or disagrees with Bouncy
   * Castle on a known signature (either is logged once, as a warning).
   */
  static NativeRecovery load(Logger log) {
    NativeRecovery recovery;
    try {
      recovery = new NativeRecovery(Secp256k1.get());
    } catch (LinkageError | RuntimeException e) {
      log.warn(
          "secp256k1: the native library does not load here ({}); signatures are recovered with"
              + " Bouncy Castle, several times slower",
          e.toString());
      return null;
    }
    // one signature of a fixed key, recovered both ways: a broken native build must not decide
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) 7);
    byte[] r =
        org.spectrumledger.ledger.Hex.decode(
            "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    byte[] s = new byte[32];
    s[31] = 1;
    byte[] expected = BouncyCastleRecovery.INSTANCE.recover(digest, r, s, 0);
    byte[] got;
    try {
      got = recovery.recover(digest, r, s, 0);
    } catch (LinkageError | RuntimeException e) {
      got = null;
    }
    if (expected == null || !Arrays.equals(expected, got)) {
      log.warn(
          "secp256k1: the native library recovers a known signature differently from Bouncy"
              + " Castle; signatures are recovered with Bouncy Castle");
      return null;
    }
    if (!signsAsBouncyCastle(recovery, digest)) {
      log.warn(
          "secp256k1: the native library signs a known digest differently from Bouncy Castle;"
              + " signatures are made and recovered with Bouncy Castle");
      return null;
    }
    return recovery;
  }

  /**
   * One digest signed with a fixed key both ways: the same r, s and v, or the library is not used.
   */
  private static boolean signsAsBouncyCastle(NativeRecovery recovery, byte[] digest) {
    byte[] priv = new byte[32];
    Arrays.fill(priv, (byte) 0x5a);
    var pair = org.web3j.crypto.ECKeyPair.create(new BigInteger(1, priv));
    byte[] pub =
        org.spectrumledger.ledger.Hex.decode(
            org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(pair.getPublicKey(), 128));
    var bc = org.web3j.crypto.Sign.signMessage(digest, pair, false);
    byte[] expected = new byte[65];
    System.arraycopy(bc.getR(), 0, expected, 0, 32);
    System.arraycopy(bc.getS(), 0, expected, 32, 32);
    expected[64] = bc.getV()[0];
    try {
      return Arrays.equals(expected, recovery.sign(digest, priv, pub));
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  @Override
  public byte[] recover(byte[] digest, byte[] r, byte[] s, int recId) {
    byte[] sig = new byte[64];
    System.arraycopy(r, 0, sig, 0, 32);
    System.arraycopy(s, 0, sig, 32, 32);
    byte[] pub;
    try {
      pub = lib.ecdsaRecover(sig, digest, recId);
    } catch (fr.acinq.secp256k1.Secp256k1Exception e) {
      // no point has x = r, or the key is the point at infinity (any other failure is the
      // library's, and is thrown: a signature's v is decided by what this returns)
      return null;
    }
    // uncompressed: 0x04 ‖ x ‖ y
    return pub.length == 65 ? Arrays.copyOfRange(pub, 1, 65) : null;
  }

  /**
   * An RFC 6979 signature with a low s, and v, the recovery id that gives back the key. The nonce
   * point k·G is libsecp256k1's (a fixed-base multiplication, the bulk of a signing), so its y says
   * the recovery id at once; libsecp256k1's own signing does not say it, and finding it took a
   * recovery, twice the work of the signing itself. The rest is Bouncy Castle's: the nonce (its
   * {@code HMacDSAKCalculator}, the RFC's HMAC-SHA256 generator, which libsecp256k1 also uses, over
   * the JDK's SHA-256, which runs on the processor's SHA instructions where it has them), the
   * inverse of k (its constant-time {@code modOddInverse}) and s = k⁻¹(e + r·d) mod n, as its
   * {@code ECDSASigner} computes them; the load-time check ({@link #load}) and the tests hold the
   * result to Bouncy Castle's signature byte for byte.
   *
   * <p>Null (the caller then signs through web3j) in the case that happens about once in 2^127
   * signatures: k·G's x past the curve order, whose recovery id (2 or 3) a v of 27 or 28 cannot
   * say.
   */
  @Override
  public byte[] sign(byte[] digest, byte[] privateKey, byte[] publicKey) {
    if (publicKey.length != 64) {
      throw new IllegalArgumentException("a public key is 64 bytes x ‖ y, got " + publicKey.length);
    }
    BigInteger d = new BigInteger(1, privateKey);
    HMacDSAKCalculator nonces = new HMacDSAKCalculator(new JdkSha256());
    nonces.init(ORDER, d, digest);
    // a digest of 256 bits is its own integer (n has 256 bits too); it is reduced with the sum
    BigInteger e = new BigInteger(1, digest);
    while (true) {
      BigInteger k = nonces.nextK();
      byte[] point = lib.pubkeyCreate(BigIntegers.asUnsignedByteArray(32, k));
      // uncompressed: 0x04 ‖ x ‖ y; r is x, which is below n but about once in 2^127
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
      if (r.compareTo(ORDER) >= 0) {
        return null;
      }
      if (r.signum() == 0) {
        continue;
      }
      BigInteger s = BigIntegers.modOddInverse(ORDER, k).multiply(e.add(d.multiply(r))).mod(ORDER);
      if (s.signum() == 0) {
        continue;
      }
      int recId = point[64] & 1;
      if (s.compareTo(HALF_ORDER) > 0) {
        // the low s is -s, whose nonce point is -(k·G): the same x, the other y
        s = ORDER.subtract(s);
        recId ^= 1;
      }
      byte[] out = new byte[65];
      BigIntegers.asUnsignedByteArray(r, out, 0, 32);
      BigIntegers.asUnsignedByteArray(s, out, 32, 32);
      out[64] = (byte) (27 + recId);
      return out;
    }
  }

  @Override
  public String name() {
    return "libsecp256k1";
  }

  /**
   * The JDK's SHA-256 as Bouncy Castle's digest, for its HMAC: several times faster than Bouncy
   * Castle's own, in Java, where the JVM has an intrinsic for it.
   */
  private static final class JdkSha256 implements ExtendedDigest {
    private static final MessageDigest PROTOTYPE;

    static {
      try {
        PROTOTYPE = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final MessageDigest md;

    JdkSha256() {
      try {
        md = (MessageDigest) PROTOTYPE.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the JDK's SHA-256 cannot be copied", e);
      }
    }

    @Override
    public String getAlgorithmName() {
      return "SHA-256";
    }

    @Override
    public int getDigestSize() {
      return 32;
    }

    @Override
    public int getByteLength() {
      return 64;
    }

    @Override
    public void update(byte in) {
      md.update(in);
    }

    @Override
    public void update(byte[] in, int inOff, int len) {
      md.update(in, inOff, len);
    }

    @Override
    public int doFinal(byte[] out, int outOff) {
      try {
        return md.digest(out, outOff, 32);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void reset() {
      md.reset();
    }
  }
}

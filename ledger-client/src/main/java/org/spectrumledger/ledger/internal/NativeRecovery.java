package org.spectrumledger.ledger.internal;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * Recovery with libsecp256k1 (bitcoin-core's library, bundled by secp256k1-kmp for linux and
 * Windows), several times faster than Bouncy Castle: its field arithmetic is constant-size limbs in
 * C rather than {@code BigInteger}s, and it allocates nothing per call but the result.
 */
final class NativeRecovery extends KeyRecovery {

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
    var pair = org.web3j.crypto.ECKeyPair.create(new java.math.BigInteger(1, priv));
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
   * libsecp256k1 signs (RFC 6979, normalised to a low s); v is the recovery id that gives back the
   * key. The library does not say it, so one recovery finds it: a valid signature of this key
   * recovers to it with id 0 or 1 (ids 2 and 3 need an r past the curve order, about one chance in
   * 2^127), so a key other than ours under id 0 means id 1. That is one recovery a signature where
   * trying both took one and a half on average, and a recovery costs twice the signing; the
   * load-time check ({@link #load}) holds the library's signature to Bouncy Castle's.
   */
  @Override
  public byte[] sign(byte[] digest, byte[] privateKey, byte[] publicKey) {
    if (publicKey.length != 64) {
      throw new IllegalArgumentException("a public key is 64 bytes x ‖ y, got " + publicKey.length);
    }
    byte[] rs = lib.sign(digest, privateKey, null);
    byte[] r = Arrays.copyOfRange(rs, 0, 32);
    byte[] s = Arrays.copyOfRange(rs, 32, 64);
    byte[] out = Arrays.copyOf(rs, 65);
    out[64] = (byte) (Arrays.equals(publicKey, recover(digest, r, s, 0)) ? 27 : 28);
    return out;
  }

  @Override
  public String name() {
    return "libsecp256k1";
  }
}

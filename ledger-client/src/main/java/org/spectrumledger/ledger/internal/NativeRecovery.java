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
    return recovery;
  }

  @Override
  public byte[] recover(byte[] digest, byte[] r, byte[] s, int recId) {
    byte[] sig = new byte[64];
    System.arraycopy(r, 0, sig, 0, 32);
    System.arraycopy(s, 0, sig, 32, 32);
    byte[] pub;
    try {
      pub = lib.ecdsaRecover(sig, digest, recId);
    } catch (RuntimeException e) {
      // Secp256k1Exception: no point has x = r, or the key is the point at infinity
      return null;
    }
    // uncompressed: 0x04 ‖ x ‖ y
    return pub.length == 65 ? Arrays.copyOfRange(pub, 1, 65) : null;
  }

  /**
   * libsecp256k1 signs (RFC 6979, normalised to a low s); v is the recovery id that gives back the
   * key.
   */
  @Override
  public byte[] sign(byte[] digest, byte[] privateKey, byte[] publicKey) {
    byte[] rs = lib.sign(digest, privateKey, null);
    byte[] r = Arrays.copyOfRange(rs, 0, 32);
    byte[] s = Arrays.copyOfRange(rs, 32, 64);
    for (int recId = 0; recId < 2; recId++) {
      if (Arrays.equals(publicKey, recover(digest, r, s, recId))) {
        byte[] out = Arrays.copyOf(rs, 65);
        out[64] = (byte) (27 + recId);
        return out;
      }
    }
    throw new IllegalStateException("libsecp256k1 made a signature that recovers to another key");
  }

  @Override
  public String name() {
    return "libsecp256k1";
  }
}

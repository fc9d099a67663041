package org.spectrumledger.ledger.internal;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * secp256k1 public-key recovery from an ECDSA signature, as {@code ecrecover} does it: libsecp256k1
 * over JNI where the native library loads, Bouncy Castle otherwise. Both give the same key for the
 * same input (checked once when the native library loads, and by the tests on random keys).
 *
 * <p>Callers check the acceptance rules first ({@link #acceptable}): r and s in range, s in the
 * lower half of the curve order, a recovery id of 0 or 1. Recovery itself only answers the key, or
 * none when no point has x = r or the key would be the point at infinity.
 */
public abstract sealed class KeyRecovery permits BouncyCastleRecovery, NativeRecovery {

  /** The curve order n and n/2, big-endian. */
  private static final byte[] N =
      org.spectrumledger.ledger.Hex.decode(
          "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

  private static final byte[] HALF_N =
      org.spectrumledger.ledger.Hex.decode(
          "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

  /** The system property that picks the implementation: {@code native} (default) or {@code bc}. */
  public static final String PROPERTY = "ledger.secp256k1";

  /**
   * The 64-byte public key x ‖ y that signed {@code digest}, or null when the signature recovers to
   * none. {@code r} and {@code s} are 32 bytes each and must pass {@link #acceptable}; {@code
   * recId} is 0 or 1.
   */
  public abstract byte[] recover(byte[] digest, byte[] r, byte[] s, int recId);

  /** A short name for figures and logs: {@code libsecp256k1} or {@code bouncycastle}. */
  public abstract String name();

  /**
   * {@code r ‖ s ‖ v} (v 27 or 28) of {@code digest} signed with {@code privateKey} (32 bytes)
   * whose public key is {@code publicKey} (64 bytes x ‖ y): RFC 6979's deterministic nonce and a
   * low s, so every implementation gives the same signature. Null where this implementation does
   * not sign (the caller signs with Bouncy Castle through web3j).
   */
  public byte[] sign(byte[] digest, byte[] privateKey, byte[] publicKey) {
    return null;
  }

  /**
   * Whether 32-byte {@code r} and {@code s} pass the exchange's rules: 0 &lt; r &lt; n and 0 &lt; s
   * &le; n/2 (a high-s signature is refused, as the exchange refuses it).
   */
  public static boolean acceptable(byte[] r, byte[] s) {
    return r.length == 32
        && s.length == 32
        && !isZero(r)
        && !isZero(s)
        && Arrays.compareUnsigned(r, N) < 0
        && Arrays.compareUnsigned(s, HALF_N) <= 0;
  }

  /** Whether 32-byte {@code s} is above n/2 (a malleated, "high-s" signature; EIP-2). */
  public static boolean isHighS(byte[] s) {
    return Arrays.compareUnsigned(s, HALF_N) > 0;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Bouncy Castle, always available. */
  public static KeyRecovery bouncyCastle() {
    return BouncyCastleRecovery.INSTANCE;
  }

  /** libsecp256k1, or null when it cannot load on this machine. */
  public static KeyRecovery nativeLibrary() {
    return Loaded.NATIVE;
  }

  /**
   * The implementation to use: libsecp256k1 unless it cannot load or {@code -Dledger.secp256k1=bc}
   * asks for Bouncy Castle.
   */
  public static KeyRecovery best() {
    return Loaded.BEST;
  }

  /** Loads the native library once, on first use, and says once which implementation runs. */
  private static final class Loaded {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRecovery.class);
    static final KeyRecovery NATIVE = NativeRecovery.load(LOG);
    static final KeyRecovery BEST = pick();

    private static KeyRecovery pick() {
      String wanted = System.getProperty(PROPERTY, "native");
      if (wanted.equals("bc") || wanted.equals("bouncycastle")) {
        LOG.info("secp256k1 recovery: Bouncy Castle (-D{}={})", PROPERTY, wanted);
        return BouncyCastleRecovery.INSTANCE;
      }
      if (!wanted.equals("native")) {
        throw new IllegalStateException(
            "-D" + PROPERTY + "=" + wanted + " is not an option; use native or bc");
      }
      return NATIVE != null ? NATIVE : BouncyCastleRecovery.INSTANCE;
    }

    private Loaded() {}
  }
}

package org.spectrumledger.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SigningKey;
import org.web3j.crypto.Sign;

class KeyRecoveryTest {

  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final KeyRecovery BC = KeyRecovery.bouncyCastle();
  private static KeyRecovery lib;

  @BeforeAll
  static void loadNative() {
    lib = KeyRecovery.nativeLibrary();
  }

  @Test
  void theNativeLibraryLoadsOnLinuxX64() {
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").equals("amd64"));
    assertThat(lib).isNotNull();
    assertThat(KeyRecovery.best()).isSameAs(lib);
  }

  @Test
  void bothRecoverTheSignersKeyForRandomKeysAndDigests() {
    assumeTrue(lib != null);
    java.security.SecureRandom seeded = new java.security.SecureRandom(new byte[] {3});
    Random random = new Random(11);
    for (int i = 0; i < 300; i++) {
      SigningKey key = SigningKey.random(seeded);
      byte[] digest = bytes(random, 32);
      Signature sig = key.sign(digest);
      byte[] r = sig.r().bytes();
      byte[] s = sig.s().bytes();
      assertThat(KeyRecovery.acceptable(r, s)).isTrue();
      byte[] expected = Hex.decode(key.publicKeyHex());
      assertThat(lib.recover(digest, r, s, sig.v() - 27)).as("key %d", i).isEqualTo(expected);
      assertThat(BC.recover(digest, r, s, sig.v() - 27)).as("key %d", i).isEqualTo(expected);
      // the other recovery bit gives another key (or none), the same both ways
      int other = 28 - sig.v();
      assertThat(lib.recover(digest, r, s, other))
          .isEqualTo(BC.recover(digest, r, s, other))
          .isNotEqualTo(expected);
    }
  }

  @Test
  void theNativeLibrarySignsExactlyAsBouncyCastleDoes() {
    assumeTrue(lib != null);
    java.security.SecureRandom seeded = new java.security.SecureRandom(new byte[] {5});
    Random random = new Random(13);
    for (int i = 0; i < 300; i++) {
      SigningKey key = SigningKey.random(seeded);
      byte[] digest = bytes(random, 32);
      byte[] priv = Hex.decode(key.exportPrivateKey());
      byte[] pub = Hex.decode(key.publicKeyHex());
      assertThat(BC.sign(digest, priv, pub)).as("Bouncy Castle signs through web3j").isNull();
      org.web3j.crypto.Sign.SignatureData web3j =
          org.web3j.crypto.Sign.signMessage(
              digest, org.web3j.crypto.ECKeyPair.create(new BigInteger(1, priv)), false);
      byte[] expected = new byte[65];
      System.arraycopy(web3j.getR(), 0, expected, 0, 32);
      System.arraycopy(web3j.getS(), 0, expected, 32, 32);
      expected[64] = web3j.getV()[0];
      // RFC 6979 nonces and low s on both sides: the same bytes, recovery id included
      assertThat(lib.sign(digest, priv, pub)).as("signature %d", i).isEqualTo(expected);
      assertThat(key.sign(digest)).isEqualTo(Signature.fromBytes(expected));
    }
  }

  @Test
  void theNativeLibrarySignsEdgeKeysAndDigestsExactlyAsBouncyCastleDoes() {
    assumeTrue(lib != null);
    BigInteger n = org.web3j.crypto.Sign.CURVE_PARAMS.getN();
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    byte[] order = org.web3j.utils.Numeric.toBytesPadded(n, 32);
    byte[] zero = new byte[32];
    // digests past the curve order (reduced by the nonce and by s alike), zero, and the order
    // itself; keys at both ends of their range
    byte[][] digests = {ones, order, zero, bytes(new Random(3), 32)};
    BigInteger[] keys = {
      BigInteger.ONE, BigInteger.TWO, n.subtract(BigInteger.ONE), n.shiftRight(1)
    };
    for (BigInteger d : keys) {
      byte[] priv = org.web3j.utils.Numeric.toBytesPadded(d, 32);
      org.web3j.crypto.ECKeyPair pair = org.web3j.crypto.ECKeyPair.create(d);
      byte[] pub = org.web3j.utils.Numeric.toBytesPadded(pair.getPublicKey(), 64);
      for (byte[] digest : digests) {
        org.web3j.crypto.Sign.SignatureData web3j =
            org.web3j.crypto.Sign.signMessage(digest, pair, false);
        byte[] expected = new byte[65];
        System.arraycopy(web3j.getR(), 0, expected, 0, 32);
        System.arraycopy(web3j.getS(), 0, expected, 32, 32);
        expected[64] = web3j.getV()[0];
        assertThat(lib.sign(digest, priv, pub))
            .as("key %s, digest %s", d.toString(16), Hex.encode(digest))
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void bothAgreeOnArbitrarySignaturesIncludingThoseThatRecoverToNone() {
    assumeTrue(lib != null);
    Random random = new Random(12);
    int none = 0;
    for (int i = 0; i < 2_000; i++) {
      byte[] digest = bytes(random, 32);
      byte[] r = bytes(random, 32);
      byte[] s = bytes(random, 32);
      s[0] &= 0x7f; // below n/2 but for a sliver
      if (!KeyRecovery.acceptable(r, s)) {
        continue;
      }
      int recId = random.nextInt(2);
      byte[] a = lib.recover(digest, r, s, recId);
      byte[] b = BC.recover(digest, r, s, recId);
      assertThat(a).as("signature %d", i).isEqualTo(b);
      if (a == null) {
        none++;
      }
    }
    // about half of all x have no point on the curve
    assertThat(none).isBetween(700, 1_300);
  }

  @Test
  void bothRecoverNoneWhenTheKeyWouldBeThePointAtInfinity() {
    assumeTrue(lib != null);
    // s·R = e·G makes the recovered key s⁻¹·r⁻¹·(s·R − e·G) the point at infinity
    BigInteger e = new BigInteger(1, Hex.decode("0x" + "11".repeat(32)));
    BigInteger s = BigInteger.valueOf(5);
    ECPoint point =
        Sign.CURVE_PARAMS.getG().multiply(e.multiply(s.modInverse(N)).mod(N)).normalize();
    byte[] r = fixed(point.getAffineXCoord().toBigInteger());
    int recId = point.getAffineYCoord().testBitZero() ? 1 : 0;
    byte[] digest = fixed(e);
    assertThat(KeyRecovery.acceptable(r, fixed(s))).isTrue();
    assertThat(lib.recover(digest, r, fixed(s), recId)).isNull();
    assertThat(BC.recover(digest, r, fixed(s), recId)).isNull();
  }

  @Test
  void refusesHighSZeroAndOutOfRangeValues() {
    BigInteger half = N.shiftRight(1);
    byte[] one = fixed(BigInteger.ONE);
    assertThat(KeyRecovery.acceptable(one, fixed(half))).isTrue();
    assertThat(KeyRecovery.acceptable(one, fixed(half.add(BigInteger.ONE)))).isFalse();
    assertThat(KeyRecovery.acceptable(one, fixed(N.subtract(BigInteger.ONE)))).isFalse();
    assertThat(KeyRecovery.acceptable(one, new byte[32])).isFalse();
    assertThat(KeyRecovery.acceptable(new byte[32], one)).isFalse();
    assertThat(KeyRecovery.acceptable(fixed(N), one)).isFalse();
    assertThat(KeyRecovery.acceptable(fixed(N.subtract(BigInteger.ONE)), one)).isTrue();
    assertThat(KeyRecovery.acceptable(new byte[31], one)).isFalse();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] fixed(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}

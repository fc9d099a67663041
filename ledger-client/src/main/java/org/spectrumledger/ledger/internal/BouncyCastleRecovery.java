package org.spectrumledger.ledger.internal;

import java.math.BigInteger;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;

/** Recovery with Bouncy Castle through web3j: pure Java, the fallback. */
final class BouncyCastleRecovery extends KeyRecovery {

  static final BouncyCastleRecovery INSTANCE = new BouncyCastleRecovery();

  private BouncyCastleRecovery() {}

  @Override
  public byte[] recover(byte[] digest, byte[] r, byte[] s, int recId) {
    BigInteger key;
    try {
      key =
          Sign.recoverFromSignature(
              recId, new ECDSASignature(new BigInteger(1, r), new BigInteger(1, s)), digest);
    } catch (RuntimeException e) {
      // no point has x = r: Bouncy Castle's decompression refuses it
      return null;
    }
    // web3j encodes the point at infinity as key 0; ecrecover (and libsecp256k1) recover none
    if (key == null || key.signum() == 0) {
      return null;
    }
    byte[] raw = key.toByteArray();
    byte[] out = new byte[64];
    int len = Math.min(raw.length, 64);
    System.arraycopy(raw, raw.length - len, out, 64 - len, len);
    return out;
  }

  @Override
  public String name() {
    return "bouncycastle";
  }
}

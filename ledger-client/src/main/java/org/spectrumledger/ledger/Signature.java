package org.spectrumledger.ledger;

import java.math.BigInteger;

/**
 * A secp256k1 signature.
 *
 * @param r the r value
 * @param s the s value, in the lower half of the curve order (as the contracts require)
 * @param v 27 or 28
 */
public record Signature(Bytes32 r, Bytes32 s, int v) {

  public Signature {
    if (r == null || s == null) {
      throw new IllegalArgumentException("signature needs r and s");
    }
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("signature v must be 27 or 28, got " + v);
    }
  }

  /** Whether {@code s} is in the upper half of the curve order (a malleated signature). */
  public boolean isHighS() {
    return org.spectrumledger.ledger.internal.KeyRecovery.isHighS(s.bytes());
  }

  /** Reads the 65-byte {@code r ‖ s ‖ v} form (v as 27/28 or 0/1). */
  public static Signature fromBytes(byte[] rsv) {
    if (rsv.length != 65) {
      throw new IllegalArgumentException("signature must be 65 bytes, got " + rsv.length);
    }
    byte[] r = new byte[32];
    byte[] s = new byte[32];
    System.arraycopy(rsv, 0, r, 0, 32);
    System.arraycopy(rsv, 32, s, 0, 32);
    int v = rsv[64] & 0xff;
    return new Signature(Bytes32.wrap(r), Bytes32.wrap(s), v < 27 ? v + 27 : v);
  }

  /** Parses the 0x-prefixed hex of the 65-byte form. */
  public static Signature fromHex(String hex) {
    return fromBytes(Hex.decode(hex));
  }

  /** The 65-byte {@code r ‖ s ‖ v} form. */
  public byte[] toBytes() {
    byte[] out = new byte[65];
    System.arraycopy(r.bytes(), 0, out, 0, 32);
    System.arraycopy(s.bytes(), 0, out, 32, 32);
    out[64] = (byte) v;
    return out;
  }

  /** Hex of the 65-byte form. */
  public String toHex() {
    return Hex.encode(toBytes());
  }

  /** The EIP-2098 {@code vs}: s with the parity of v in its top bit, as settlement takes it. */
  public Bytes32 vs() {
    BigInteger sv = new BigInteger(1, s.bytes());
    if (v == 28) {
      sv = sv.setBit(255);
    }
    byte[] raw = sv.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return Bytes32.wrap(out);
  }
}

package org.spectrumledger.ledger;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** ERC-2612 permit signatures for the settlement token (its EIP-712 domain is its name, "1"). */
final class Permits {
  private static final byte[] PERMIT_TYPEHASH =
      OrderHasher.keccak(
          "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
              .getBytes(StandardCharsets.UTF_8));

  private Permits() {}

  static Signature sign(
      SigningKey owner,
      String tokenName,
      long chainId,
      Address token,
      Address spender,
      BigInteger value,
      BigInteger nonce,
      long deadline) {
    byte[] struct = new byte[192];
    System.arraycopy(PERMIT_TYPEHASH, 0, struct, 0, 32);
    System.arraycopy(owner.address().bytes(), 0, struct, 44, 20);
    System.arraycopy(spender.bytes(), 0, struct, 76, 20);
    word(struct, 96, value);
    word(struct, 128, nonce);
    word(struct, 160, BigInteger.valueOf(deadline));
    OrderHasher domain = new OrderHasher(new Eip712Domain(tokenName, "1", chainId, token));
    return owner.sign(domain.digestOfStructHash(OrderHasher.keccak(struct)));
  }

  private static void word(byte[] buf, int offset, BigInteger v) {
    byte[] raw = v.toByteArray();
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, buf, offset + 32 - n, n);
  }
}

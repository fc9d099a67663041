package org.spectrumledger.ledger;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * EIP-712 hashing of orders under one exchange domain, byte for byte as the contracts' {@code
 * OrderLib} and {@code EIP712} do.
 *
 * <p>Hot path of order intake: it encodes into a per-thread buffer and hashes with a per-thread
 * Keccak instance, with no intermediate objects.
 */
public final class OrderHasher {

  /** The EIP-712 type string of an order. */
  public static final String ORDER_TYPE =
      "Order(address maker,uint8 side,uint32 band,uint64 cell,uint64 slotStart,uint64 slotEnd,"
          + "uint64 quantity,uint128 limitPrice,uint64 nonce,uint64 validUntil,bool partialFill)";

  private static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  private static final ThreadLocal<KeccakDigest> KECCAK =
      ThreadLocal.withInitial(() -> new KeccakDigest(256));
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[384]);
  private static final byte[] ORDER_TYPEHASH = keccak(ORDER_TYPE.getBytes(StandardCharsets.UTF_8));

  private final Eip712Domain domain;
  private final byte[] domainSeparator;

  public OrderHasher(Eip712Domain domain) {
    this.domain = domain;
    this.domainSeparator = domainSeparator(domain);
  }

  public Eip712Domain domain() {
    return domain;
  }

  /** The EIP-712 domain separator. */
  public Bytes32 domainSeparator() {
    return Bytes32.wrap(domainSeparator.clone());
  }

  /**
   * The order hash: the EIP-712 digest the maker signs, {@code keccak(0x1901 ‖ domainSeparator ‖
   * structHash)}. It is what the exchange's {@code hashOrder}, its {@code TradeSettled} event and
   * its errors give, what wallet libraries compute ({@code TypedDataEncoder.hash} in ethers), and
   * the id of an order at the broker.
   */
  public Bytes32 orderHash(Order order) {
    return Bytes32.wrap(digest(order));
  }

  /** The EIP-712 digest the maker signs: {@code keccak(0x1901 ‖ domainSeparator ‖ structHash)}. */
  public byte[] digest(Order order) {
    return digestOfStructHash(structHash(order));
  }

  /** The EIP-712 digest for an already computed struct hash. */
  public byte[] digestOfStructHash(byte[] structHash) {
    byte[] buf = BUFFER.get();
    buf[0] = 0x19;
    buf[1] = 0x01;
    System.arraycopy(domainSeparator, 0, buf, 2, 32);
    System.arraycopy(structHash, 0, buf, 34, 32);
    return keccak(buf, 66);
  }

  /** The EIP-712 struct hash of {@code order}. */
  public static byte[] structHash(Order order) {
    byte[] buf = BUFFER.get();
    java.util.Arrays.fill(buf, 0, 384, (byte) 0);
    System.arraycopy(ORDER_TYPEHASH, 0, buf, 0, 32);
    byte[] maker = Hex.decode(order.maker().hex());
    System.arraycopy(maker, 0, buf, 32 + 12, 20);
    putLong(buf, 64, order.side().code());
    putLong(buf, 96, order.market().band());
    putLong(buf, 128, order.market().cell());
    putLong(buf, 160, order.market().slotStart());
    putLong(buf, 192, order.market().slotEnd());
    putLong(buf, 224, order.quantity());
    putLong(buf, 256, order.limitPrice());
    putLong(buf, 288, order.nonce());
    putLong(buf, 320, order.validUntil());
    putLong(buf, 352, order.partialFill() ? 1 : 0);
    return keccak(buf, 384);
  }

  private static byte[] domainSeparator(Eip712Domain d) {
    byte[] buf = new byte[160];
    System.arraycopy(keccak(DOMAIN_TYPE.getBytes(StandardCharsets.UTF_8)), 0, buf, 0, 32);
    System.arraycopy(keccak(d.name().getBytes(StandardCharsets.UTF_8)), 0, buf, 32, 32);
    System.arraycopy(keccak(d.version().getBytes(StandardCharsets.UTF_8)), 0, buf, 64, 32);
    putLong(buf, 96, d.chainId());
    System.arraycopy(d.verifyingContract().bytes(), 0, buf, 128 + 12, 20);
    return keccak(buf, 160);
  }

  /** Writes {@code v} as an unsigned 64-bit big-endian number in the last 8 bytes of the word. */
  private static void putLong(byte[] buf, int wordOffset, long v) {
    for (int i = 0; i < 8; i++) {
      buf[wordOffset + 31 - i] = (byte) (v >>> (8 * i));
    }
  }

  /** Keccak-256 of {@code data}. */
  public static byte[] keccak(byte[] data) {
    return keccak(data, data.length);
  }

  private static byte[] keccak(byte[] data, int length) {
    KeccakDigest k = KECCAK.get();
    k.update(data, 0, length);
    byte[] out = new byte[32];
    k.doFinal(out, 0);
    return out;
  }
}

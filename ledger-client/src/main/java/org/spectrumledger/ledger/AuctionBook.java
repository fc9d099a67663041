package org.spectrumledger.ledger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The book of one auction as the broker commits it on chain: one leaf per order the broker accepted
 * into the market by the auction's cut-off, {@code (orderHash, open, fill)} — milli-SRU open at the
 * cut-off and filled by the auction — and the Merkle tree over them whose root each of the
 * auction's clearings carries.
 *
 * <p>The tree is the one the broker court verifies with OpenZeppelin's {@code MerkleProof}: a leaf
 * is {@code keccak256(bytes.concat(keccak256(abi.encode(orderHash, open, fill))))}; each level
 * pairs neighbours, a lone last node going up as it is; a pair is hashed in sorted order. The forge
 * tests build it independently ({@code BookTree.sol}).
 */
public final class AuctionBook {

  /** One order's leaf. */
  public record Leaf(Bytes32 orderHash, long open, long fill) {
    public Leaf {
      if (orderHash == null || open < 0 || fill < 0 || fill > open) {
        throw new IllegalArgumentException(
            "a leaf needs an order and 0 <= fill <= open: " + open + ", " + fill);
      }
    }
  }

  private static final int LEAF_BYTES = 48;

  private final List<Leaf> leaves;

  /** levels.get(0): the leaf hashes; the last level holds the root alone. */
  private final List<byte[][]> levels = new ArrayList<>();

  private final Map<Bytes32, Integer> index = new HashMap<>();

  private AuctionBook(List<Leaf> leaves) {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("an auction book holds at least one order");
    }
    this.leaves = List.copyOf(leaves);
    byte[][] level = new byte[leaves.size()][];
    for (int i = 0; i < level.length; i++) {
      Leaf l = leaves.get(i);
      if (index.putIfAbsent(l.orderHash(), i) != null) {
        throw new IllegalArgumentException("order " + l.orderHash() + " twice in one book");
      }
      level[i] = leafHash(l);
    }
    levels.add(level);
    while (level.length > 1) {
      byte[][] next = new byte[(level.length + 1) / 2][];
      for (int i = 0; i < next.length; i++) {
        int l = 2 * i;
        next[i] = l + 1 < level.length ? pair(level[l], level[l + 1]) : level[l];
      }
      levels.add(next);
      level = next;
    }
  }

  public static AuctionBook of(List<Leaf> leaves) {
    return new AuctionBook(leaves);
  }

  public List<Leaf> leaves() {
    return leaves;
  }

  public Bytes32 root() {
    return Bytes32.wrap(levels.getLast()[0]);
  }

  public Optional<Leaf> leaf(Bytes32 orderHash) {
    Integer i = index.get(orderHash);
    return i == null ? Optional.empty() : Optional.of(leaves.get(i));
  }

  /** The Merkle proof of {@code orderHash}'s leaf, bottom up; empty when it is not in the book. */
  public Optional<List<Bytes32>> proof(Bytes32 orderHash) {
    Integer at = index.get(orderHash);
    if (at == null) {
      return Optional.empty();
    }
    List<Bytes32> proof = new ArrayList<>();
    int i = at;
    for (int k = 0; k < levels.size() - 1; k++) {
      byte[][] level = levels.get(k);
      int sibling = i ^ 1;
      if (sibling < level.length) {
        proof.add(Bytes32.wrap(level[sibling]));
      }
      i >>= 1;
    }
    return Optional.of(proof);
  }

  /** Whether {@code proof} takes {@code leaf} to {@code root}, as the court checks it. */
  public static boolean verify(Bytes32 root, Leaf leaf, List<Bytes32> proof) {
    byte[] h = leafHash(leaf);
    for (Bytes32 p : proof) {
      h = pair(h, p.bytes());
    }
    return Arrays.equals(h, root.bytes());
  }

  /** The leaves, 48 bytes each (order hash, open, fill), for the broker's store. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(leaves.size() * LEAF_BYTES);
    for (Leaf l : leaves) {
      b.put(l.orderHash().bytes()).putLong(l.open()).putLong(l.fill());
    }
    return b.array();
  }

  public static AuctionBook decode(byte[] encoded) {
    if (encoded.length == 0 || encoded.length % LEAF_BYTES != 0) {
      throw new IllegalArgumentException(
          "an encoded book is 48 bytes a leaf, got " + encoded.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(encoded);
    List<Leaf> out = new ArrayList<>(encoded.length / LEAF_BYTES);
    while (b.hasRemaining()) {
      byte[] hash = new byte[32];
      b.get(hash);
      out.add(new Leaf(Bytes32.wrap(hash), b.getLong(), b.getLong()));
    }
    return new AuctionBook(out);
  }

  public static byte[] leafHash(Leaf l) {
    byte[] buf = new byte[96];
    System.arraycopy(l.orderHash().bytes(), 0, buf, 0, 32);
    putLong(buf, 32, l.open());
    putLong(buf, 64, l.fill());
    return OrderHasher.keccak(OrderHasher.keccak(buf));
  }

  private static byte[] pair(byte[] a, byte[] b) {
    byte[] buf = new byte[64];
    boolean aFirst = Arrays.compareUnsigned(a, b) < 0;
    System.arraycopy(aFirst ? a : b, 0, buf, 0, 32);
    System.arraycopy(aFirst ? b : a, 0, buf, 32, 32);
    return OrderHasher.keccak(buf);
  }

  private static void putLong(byte[] buf, int wordOffset, long v) {
    for (int i = 0; i < 8; i++) {
      buf[wordOffset + 31 - i] = (byte) (v >>> (8 * i));
    }
  }
}

package org.spectrumledger.ledger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The book of one auction as the broker commits it on chain, and the published clearing rule it is
 * checked against ({@code BookLib.sol}).
 *
 * <p><b>The rule.</b> Bids rank by limit, highest first, asks by limit, lowest first; equal limits
 * rank by sequence (the intake receipt's), lowest first. The auction fills each side in rank order;
 * its price is the midpoint of the marginal pair — the lowest-ranked bid and the lowest-ranked ask
 * it fills — rounded down to the tick: {@code ask + (bid - ask) / tick / 2 * tick}. A bid's limit
 * is the highest price its all-in limit covers under the fee the auction settles with, on the tick
 * ({@link Fees#highestPrice}).
 *
 * <p><b>The book.</b> One leaf per order the broker accepted into the market by the cut-off, {@code
 * (orderHash, limit, sequence, open, fill)}: the filled bids in rank order, then the filled asks in
 * rank order, then every other order. Its root — what each clearing of the auction carries as
 * {@code bookRoot} — is the hash of the header {@code (tree, filledBids, filledAsks, leaves,
 * tick)}; the tree is positional: leaves {@code
 * keccak256(bytes.concat(keccak256(abi.encode(leaf))))} padded with zero words to a power of two,
 * nodes {@code keccak256(abi.encode(left, right))}. The forge tests build it independently ({@code
 * BookTree.sol}).
 */
public final class AuctionBook {

  /** One order's leaf. */
  public record Leaf(Bytes32 orderHash, long limit, long sequence, long open, long fill) {
    public Leaf {
      if (orderHash == null || limit < 0 || open < 0 || fill < 0) {
        throw new IllegalArgumentException(
            "a leaf needs an order and no negative limit, open or fill: "
                + limit
                + ", "
                + open
                + ", "
                + fill);
      }
    }
  }

  /**
   * A way a book breaks the published rule, with the leaves that show it: {@code index} (and, for
   * {@link Kind#DISORDERED}, {@code next}; for {@link Kind#MISPRICED}, the marginal pair {@code
   * index} and {@code next}, and the rule's price).
   */
  public record Flaw(Kind kind, int index, int next, long fairPrice) {
    public enum Kind {
      /** The price is not the rule's for the marginal pair. */
      MISPRICED,
      /** A filled leaf is outranked by the one after it on its side. */
      DISORDERED,
      /** The layout is broken: a filled leaf among the rest, an unfilled one among the filled. */
      MISPLACED
    }
  }

  private static final byte FORMAT = 2;
  private static final int LEAF_BYTES = 32 + 4 * 8;
  private static final int HEAD_BYTES = 1 + 4 + 4 + 8;

  /** The leaves known: all of them, or in a published book the filled ones alone. */
  private final List<Leaf> leaves;

  /** How many leaves the book has, hidden ones included. */
  private final int size;

  private final int filledBids;
  private final int filledAsks;
  private final long tick;

  /**
   * levels.get(0): the leaf hashes padded to a power of two; the last level holds the tree root.
   */
  private final List<byte[][]> levels = new ArrayList<>();

  private final Map<Bytes32, Integer> index = new HashMap<>();

  private AuctionBook(
      List<Leaf> leaves, List<Bytes32> hidden, int filledBids, int filledAsks, long tick) {
    int size = leaves.size() + hidden.size();
    if (size == 0) {
      throw new IllegalArgumentException("an auction book holds at least one order");
    }
    if (filledBids < 0
        || filledAsks < 0
        || filledBids + filledAsks > size
        || (!hidden.isEmpty() && leaves.size() != filledBids + filledAsks)
        || tick <= 0) {
      throw new IllegalArgumentException(
          "a book of "
              + size
              + " leaves cannot list "
              + filledBids
              + " filled bids and "
              + filledAsks
              + " filled asks at a tick of "
              + tick);
    }
    this.leaves = List.copyOf(leaves);
    this.size = size;
    this.filledBids = filledBids;
    this.filledAsks = filledAsks;
    this.tick = tick;
    int width = 1;
    while (width < size) {
      width <<= 1;
    }
    byte[][] level = new byte[width][];
    for (int i = 0; i < width; i++) {
      if (i < leaves.size()) {
        Leaf l = leaves.get(i);
        if (index.putIfAbsent(l.orderHash(), i) != null) {
          throw new IllegalArgumentException("order " + l.orderHash() + " twice in one book");
        }
        level[i] = leafHash(l);
      } else if (i < size) {
        level[i] = hidden.get(i - leaves.size()).bytes();
      } else {
        level[i] = new byte[32];
      }
    }
    levels.add(level);
    while (level.length > 1) {
      byte[][] next = new byte[level.length / 2][];
      for (int i = 0; i < next.length; i++) {
        next[i] = pair(level[2 * i], level[2 * i + 1]);
      }
      levels.add(next);
      level = next;
    }
  }

  /** The book of an auction: its filled bids and asks, each in rank order, and the rest. */
  public static AuctionBook of(
      List<Leaf> filledBids, List<Leaf> filledAsks, List<Leaf> rest, long tick) {
    List<Leaf> all = new ArrayList<>(filledBids.size() + filledAsks.size() + rest.size());
    all.addAll(filledBids);
    all.addAll(filledAsks);
    all.addAll(rest);
    return new AuctionBook(all, List.of(), filledBids.size(), filledAsks.size(), tick);
  }

  /** A book laid out as given: the first {@code filledBids} leaves, the next {@code filledAsks}. */
  public static AuctionBook of(List<Leaf> leaves, int filledBids, int filledAsks, long tick) {
    return new AuctionBook(leaves, List.of(), filledBids, filledAsks, tick);
  }

  /**
   * A book as the broker publishes it once its auction is committed: the filled leaves in full, the
   * rest by their hashes alone (they are orders still open in a sealed book). Its root is the
   * book's; the rule's checks that read leaves run on the filled ones.
   */
  public static AuctionBook published(
      List<Leaf> filled, int filledBids, List<Bytes32> restHashes, long tick) {
    return new AuctionBook(filled, restHashes, filledBids, filled.size() - filledBids, tick);
  }

  /** This book as published: its filled leaves, and the hashes of the rest. */
  public AuctionBook published() {
    return published(leaves.subList(0, filledBids + filledAsks), filledBids, restHashes(), tick);
  }

  /** The leaves known: every leaf, or in a published book the filled ones. */
  public List<Leaf> leaves() {
    return leaves;
  }

  /** The hashes of the leaves after the filled ones, in order. */
  public List<Bytes32> restHashes() {
    List<Bytes32> rest = new ArrayList<>();
    for (int i = filledBids + filledAsks; i < size; i++) {
      rest.add(Bytes32.wrap(levels.getFirst()[i]));
    }
    return rest;
  }

  /** How many leaves the book has. */
  public int size() {
    return size;
  }

  public int filledBids() {
    return filledBids;
  }

  public int filledAsks() {
    return filledAsks;
  }

  public long tick() {
    return tick;
  }

  /** The root of the positional tree over the leaves. */
  public Bytes32 tree() {
    return Bytes32.wrap(levels.getLast()[0]);
  }

  /** The {@code bookRoot} the auction's clearings carry: the hash of the book's header. */
  public Bytes32 root() {
    byte[] buf = new byte[5 * 32];
    System.arraycopy(levels.getLast()[0], 0, buf, 0, 32);
    putLong(buf, 32, filledBids);
    putLong(buf, 64, filledAsks);
    putLong(buf, 96, size);
    putLong(buf, 128, tick);
    return Bytes32.wrap(OrderHasher.keccak(buf));
  }

  public Optional<Leaf> leaf(Bytes32 orderHash) {
    return indexOf(orderHash).map(leaves::get);
  }

  /** Where {@code orderHash}'s leaf is in the book. */
  public Optional<Integer> indexOf(Bytes32 orderHash) {
    return Optional.ofNullable(index.get(orderHash));
  }

  /** Whether the leaf at {@code i} is listed among the filled bids. */
  public boolean isFilledBid(int i) {
    return i < filledBids;
  }

  /**
   * The index of the marginal leaf of a side: the last filled bid ({@code bids}) or the last filled
   * ask; -1 or the last filled bid's index when that side fills nothing.
   */
  public int marginal(boolean bids) {
    return (bids ? filledBids : filledBids + filledAsks) - 1;
  }

  /** Whether the leaf at {@code i} is listed among the filled bids or asks. */
  public boolean isFilled(int i) {
    return i < filledBids + filledAsks;
  }

  /** The Merkle proof of the leaf at {@code i}, bottom up: exactly as long as the tree is deep. */
  public List<Bytes32> proof(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("no leaf " + i + " in a book of " + size);
    }
    List<Bytes32> proof = new ArrayList<>(levels.size() - 1);
    int at = i;
    for (int k = 0; k < levels.size() - 1; k++) {
      proof.add(Bytes32.wrap(levels.get(k)[at ^ 1]));
      at >>= 1;
    }
    return proof;
  }

  /**
   * Whether {@code proof} takes {@code leaf} at {@code i} to {@code tree}, as the court checks it.
   */
  public static boolean verify(Bytes32 tree, Leaf leaf, int i, List<Bytes32> proof) {
    byte[] h = leafHash(leaf);
    int at = i;
    for (Bytes32 p : proof) {
      h = (at & 1) == 0 ? pair(h, p.bytes()) : pair(p.bytes(), h);
      at >>= 1;
    }
    return Arrays.equals(h, tree.bytes());
  }

  // ---------------------------------------------------------------- the rule

  /** The published price of a marginal pair: the midpoint, rounded down to the tick. */
  public static long fairPrice(long bidLimit, long askLimit, long tick) {
    return askLimit + (bidLimit - askLimit) / tick / 2 * tick;
  }

  private static final Comparator<Leaf> BID_RANK =
      Comparator.comparingLong(Leaf::limit).reversed().thenComparingLong(Leaf::sequence);
  private static final Comparator<Leaf> ASK_RANK =
      Comparator.comparingLong(Leaf::limit).thenComparingLong(Leaf::sequence);

  /** The rule's rank on the side {@code bids} names, best first: limit, then sequence. */
  public static Comparator<Leaf> rank(boolean bids) {
    return bids ? BID_RANK : ASK_RANK;
  }

  /** Whether {@code a} ranks strictly above {@code b} on the side {@code bids} names. */
  public static boolean outranks(Leaf a, Leaf b, boolean bids) {
    return rank(bids).compare(a, b) < 0;
  }

  /**
   * The limit a bid signed at {@code limitPrice} (all-in) takes in the book: the highest price its
   * limit covers under {@code feeBps}, rounded down to the tick.
   */
  public static long bidLimit(long limitPrice, int feeBps, long tick) {
    return Fees.highestPrice(limitPrice, feeBps) / tick * tick;
  }

  /** The rule's price for this book: that of its marginal pair; empty when a side fills nothing. */
  public OptionalLong fairPrice() {
    if (filledBids == 0 || filledAsks == 0) {
      return OptionalLong.empty();
    }
    Leaf bid = leaves.get(marginal(true));
    Leaf ask = leaves.get(marginal(false));
    if (bid.limit() < ask.limit()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(fairPrice(bid.limit(), ask.limit(), tick));
  }

  /**
   * Every way this book, settled at {@code price}, breaks the published rule that the court can see
   * from its leaves alone (a leaf that misstates its order needs the order, which the book does not
   * hold): none for an honest broker's book.
   */
  public List<Flaw> flaws(long price) {
    List<Flaw> out = new ArrayList<>();
    int filled = filledBids + filledAsks;
    for (int i = 0; i < leaves.size(); i++) {
      Leaf l = leaves.get(i);
      if ((l.fill() != 0) != (i < filled) || l.fill() > l.open()) {
        out.add(new Flaw(Flaw.Kind.MISPLACED, i, -1, 0));
      }
      boolean sameSide = i + 1 < filledBids || (i >= filledBids && i + 1 < filled);
      if (sameSide && outranks(leaves.get(i + 1), l, i < filledBids)) {
        out.add(new Flaw(Flaw.Kind.DISORDERED, i, i + 1, 0));
      }
    }
    OptionalLong fair = fairPrice();
    if (fair.isPresent() && fair.getAsLong() != price) {
      out.add(new Flaw(Flaw.Kind.MISPRICED, filledBids - 1, filled - 1, fair.getAsLong()));
    }
    return out;
  }

  // ---------------------------------------------------------------- encoding

  /** The book for the broker's store: a format byte, the layout, then 64 bytes a leaf. */
  public byte[] encode() {
    if (leaves.size() != size) {
      throw new IllegalStateException("a published book hides leaves: only a whole one is kept");
    }
    ByteBuffer b = ByteBuffer.allocate(HEAD_BYTES + leaves.size() * LEAF_BYTES);
    b.put(FORMAT).putInt(filledBids).putInt(filledAsks).putLong(tick);
    for (Leaf l : leaves) {
      b.put(l.orderHash().bytes())
          .putLong(l.limit())
          .putLong(l.sequence())
          .putLong(l.open())
          .putLong(l.fill());
    }
    return b.array();
  }

  public static AuctionBook decode(byte[] encoded) {
    if (encoded.length < HEAD_BYTES
        || encoded[0] != FORMAT
        || (encoded.length - HEAD_BYTES) % LEAF_BYTES != 0) {
      throw new IllegalArgumentException(
          "not an encoded auction book of format "
              + FORMAT
              + " ("
              + encoded.length
              + " bytes): a book kept before book format "
              + FORMAT
              + " cannot be proven to this court");
    }
    ByteBuffer b = ByteBuffer.wrap(encoded);
    b.get();
    int bids = b.getInt();
    int asks = b.getInt();
    long tick = b.getLong();
    List<Leaf> out = new ArrayList<>((encoded.length - HEAD_BYTES) / LEAF_BYTES);
    while (b.hasRemaining()) {
      byte[] hash = new byte[32];
      b.get(hash);
      out.add(new Leaf(Bytes32.wrap(hash), b.getLong(), b.getLong(), b.getLong(), b.getLong()));
    }
    return new AuctionBook(out, List.of(), bids, asks, tick);
  }

  public static byte[] leafHash(Leaf l) {
    byte[] buf = new byte[5 * 32];
    System.arraycopy(l.orderHash().bytes(), 0, buf, 0, 32);
    putLong(buf, 32, l.limit());
    putLong(buf, 64, l.sequence());
    putLong(buf, 96, l.open());
    putLong(buf, 128, l.fill());
    return OrderHasher.keccak(OrderHasher.keccak(buf));
  }

  private static byte[] pair(byte[] a, byte[] b) {
    byte[] buf = new byte[64];
    System.arraycopy(a, 0, buf, 0, 32);
    System.arraycopy(b, 0, buf, 32, 32);
    return OrderHasher.keccak(buf);
  }

  private static void putLong(byte[] buf, int wordOffset, long v) {
    for (int i = 0; i < 8; i++) {
      buf[wordOffset + 31 - i] = (byte) (v >>> (8 * i));
    }
  }
}

package org.spectrumledger.broker.epoch;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one auction's fills into parts that settle apart, so an auction of any size settles
 * however few fills one transaction may carry. Every part trades at the auction's one price and is
 * balanced on its own (what its bids buy, its asks sell), so each is a clearing the exchange
 * verifies as it verifies any other, and a part it skips leaves the others whole. An order's fill
 * may be spread over two parts (the exchange adds partial fills up), except an all-or-none order's:
 * that is filled whole in one part.
 *
 * <p>Bids and asks are paired in the order given (the auction's priority order), each part taking
 * pairs until it holds {@code maxFills - 1} fills or more; a part is not cut where it would split
 * an all-or-none fill, and grows past that point until the order is whole.
 */
public final class AuctionParts {

  /** One fill of a part: the auction's fill {@code fill}, or the share of it in this part. */
  public record Piece(int fill, long quantity) {}

  /**
   * No part within {@code maxFills} fills can hold all-or-none fill {@code fill}: its quantity
   * needs more counter-fills than one settlement transaction carries.
   */
  public static final class TooManyCounterparties extends RuntimeException {
    private final int fill;

    TooManyCounterparties(int fill, int maxFills) {
      super(
          "all-or-none fill "
              + fill
              + " needs more than "
              + (maxFills - 1)
              + " counter-fills in one part");
      this.fill = fill;
    }

    public int fill() {
      return fill;
    }
  }

  private AuctionParts() {}

  /**
   * The parts of an auction whose fill {@code i} is {@code quantity[i]} on the bid side when {@code
   * bid[i]}, all-or-none when {@code allOrNone[i]}. The bid and ask quantities must balance.
   *
   * @param maxFills most fills in one part, at least 2
   * @throws TooManyCounterparties when an all-or-none fill cannot be kept whole within {@code
   *     maxFills}
   */
  public static List<List<Piece>> split(
      long[] quantity, boolean[] bid, boolean[] allOrNone, int maxFills) {
    if (maxFills < 2) {
      throw new IllegalArgumentException("a part needs room for a bid and an ask");
    }
    int[] bids = indices(bid, true);
    int[] asks = indices(bid, false);
    long bidTotal = 0;
    long askTotal = 0;
    for (int i : bids) {
      bidTotal += quantity[i];
    }
    for (int i : asks) {
      askTotal += quantity[i];
    }
    if (bidTotal != askTotal) {
      throw new IllegalArgumentException(
          "an auction's fills must balance: bids " + bidTotal + ", asks " + askTotal);
    }
    List<List<Piece>> parts = new ArrayList<>();
    List<long[]> part = new ArrayList<>(); // {fill, quantity}
    int b = 0;
    int a = 0;
    long bidLeft = bids.length == 0 ? 0 : quantity[bids[0]];
    long askLeft = asks.length == 0 ? 0 : quantity[asks[0]];
    long[] bidPiece = null;
    long[] askPiece = null;
    while (b < bids.length && a < asks.length) {
      int needed = (bidPiece == null ? 1 : 0) + (askPiece == null ? 1 : 0);
      if (part.size() + needed > maxFills) {
        // only reached while a cut is held back by an all-or-none fill
        throw new TooManyCounterparties(bidPiece != null ? bids[b] : asks[a], maxFills);
      }
      if (bidPiece == null) {
        bidPiece = new long[] {bids[b], 0};
        part.add(bidPiece);
      }
      if (askPiece == null) {
        askPiece = new long[] {asks[a], 0};
        part.add(askPiece);
      }
      long m = Math.min(bidLeft, askLeft);
      bidPiece[1] += m;
      askPiece[1] += m;
      bidLeft -= m;
      askLeft -= m;
      if (bidLeft == 0) {
        bidPiece = null;
        if (++b < bids.length) {
          bidLeft = quantity[bids[b]];
        }
      }
      if (askLeft == 0) {
        askPiece = null;
        if (++a < asks.length) {
          askLeft = quantity[asks[a]];
        }
      }
      boolean more = b < bids.length && a < asks.length;
      boolean splitsWhole =
          (bidPiece != null && allOrNone[bids[b]]) || (askPiece != null && allOrNone[asks[a]]);
      if (more && part.size() >= maxFills - 1 && !splitsWhole) {
        parts.add(pieces(part));
        part = new ArrayList<>();
        bidPiece = null;
        askPiece = null;
      }
    }
    if (!part.isEmpty()) {
      parts.add(pieces(part));
    }
    return parts;
  }

  private static int[] indices(boolean[] bid, boolean side) {
    int n = 0;
    for (boolean x : bid) {
      if (x == side) {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < bid.length; i++) {
      if (bid[i] == side) {
        out[k++] = i;
      }
    }
    return out;
  }

  private static List<Piece> pieces(List<long[]> part) {
    List<Piece> out = new ArrayList<>(part.size());
    for (long[] p : part) {
      out.add(new Piece((int) p[0], p[1]));
    }
    return out;
  }
}

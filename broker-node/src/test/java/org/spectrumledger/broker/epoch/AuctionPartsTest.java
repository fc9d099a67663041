package org.spectrumledger.broker.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.epoch.AuctionParts.Piece;

/**
 * Splitting an auction's fills into parts: on random auctions every part is balanced and within the
 * limit, every fill is settled exactly once over the parts, and an all-or-none fill is never split.
 */
class AuctionPartsTest {

  @Test
  void randomAuctionsSplitIntoBalancedPartsThatAddUpToEveryFill() {
    Random rnd = new Random(7);
    for (int run = 0; run < 2_000; run++) {
      int bids = 1 + rnd.nextInt(run % 10 == 0 ? 600 : 40);
      int asks = 1 + rnd.nextInt(run % 10 == 0 ? 600 : 40);
      int maxFills = 2 + rnd.nextInt(run % 3 == 0 ? 4 : 300);
      long[] bidQ = randomQuantities(rnd, bids);
      long[] askQ = randomQuantities(rnd, asks);
      balance(bidQ, askQ);
      int n = bids + asks;
      long[] quantity = new long[n];
      boolean[] bid = new boolean[n];
      boolean[] aon = new boolean[n];
      for (int i = 0; i < n; i++) {
        bid[i] = i < bids;
        quantity[i] = i < bids ? bidQ[i] : askQ[i - bids];
        aon[i] = rnd.nextInt(8) == 0;
      }
      List<List<Piece>> parts;
      try {
        parts = AuctionParts.split(quantity, bid, aon, maxFills);
      } catch (AuctionParts.TooManyCounterparties e) {
        assertThat(aon[e.fill()]).as("only an all-or-none fill is held out").isTrue();
        continue;
      }
      long[] settled = new long[n];
      int[] partsOf = new int[n];
      for (List<Piece> part : parts) {
        assertThat(part).hasSizeLessThanOrEqualTo(maxFills);
        long b = 0;
        long a = 0;
        for (Piece p : part) {
          assertThat(p.quantity()).isPositive();
          settled[p.fill()] += p.quantity();
          partsOf[p.fill()]++;
          if (bid[p.fill()]) {
            b += p.quantity();
          } else {
            a += p.quantity();
          }
        }
        assertThat(b).as("part balanced").isEqualTo(a).isPositive();
      }
      assertThat(settled).containsExactly(quantity);
      for (int i = 0; i < n; i++) {
        if (aon[i]) {
          assertThat(partsOf[i]).as("all-or-none fill %d in one part", i).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void tenThousandOrdersASideSplitIntoPartsOfTheBatchSize() {
    int side = 10_000;
    long[] quantity = new long[2 * side];
    boolean[] bid = new boolean[2 * side];
    for (int i = 0; i < 2 * side; i++) {
      quantity[i] = 1_000;
      bid[i] = i < side;
    }
    List<List<Piece>> parts = AuctionParts.split(quantity, bid, new boolean[2 * side], 256);
    assertThat(parts).hasSize((2 * side + 255) / 256);
    assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p).hasSize(256));
  }

  @Test
  void anAllOrNoneFillTooLargeForOnePartIsNamed() {
    long[] quantity = {5_000, 1_000, 1_000, 1_000, 1_000, 1_000};
    boolean[] bid = {true, false, false, false, false, false};
    boolean[] aon = {true, false, false, false, false, false};
    assertThatThrownBy(() -> AuctionParts.split(quantity, bid, aon, 4))
        .isInstanceOfSatisfying(
            AuctionParts.TooManyCounterparties.class, e -> assertThat(e.fill()).isZero());
    assertThat(AuctionParts.split(quantity, bid, aon, 6)).hasSize(1);
  }

  @Test
  void fillsThatDoNotBalanceAreRefused() {
    assertThatThrownBy(
            () ->
                AuctionParts.split(
                    new long[] {1_000, 500}, new boolean[] {true, false}, new boolean[2], 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("balance");
  }

  private static long[] randomQuantities(Random rnd, int n) {
    long[] q = new long[n];
    for (int i = 0; i < n; i++) {
      q[i] = (1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 500)) * 1_000L;
    }
    return q;
  }

  /** Trims the larger side's last fills so both sides add up to the same total. */
  private static void balance(long[] bids, long[] asks) {
    long b = sum(bids);
    long a = sum(asks);
    long[] big = b > a ? bids : asks;
    long excess = Math.abs(b - a);
    for (int i = big.length - 1; i >= 0 && excess > 0; i--) {
      long cut = Math.min(excess, big[i] - 1_000);
      big[i] -= cut;
      excess -= cut;
    }
    if (excess > 0) {
      // the larger side cannot shrink below one lot a fill: grow the other side's first fill
      long[] small = big == bids ? asks : bids;
      small[0] += excess;
    }
  }

  private static long sum(long[] q) {
    long s = 0;
    for (long x : q) {
      s += x;
    }
    return s;
  }
}

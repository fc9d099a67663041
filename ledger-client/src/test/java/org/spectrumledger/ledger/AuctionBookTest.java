package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The auction book: its positional tree (every leaf proves at its place, nothing else does), its
 * storage form, and the published rule it checks (an honest layout shows no flaw; each way of
 * breaking it shows the flaw the court convicts).
 */
class AuctionBookTest {

  private static Bytes32 hash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Bytes32.wrap(b);
  }

  private static AuctionBook.Leaf leaf(Random r, long limit, long sequence, long fill) {
    return new AuctionBook.Leaf(hash(r), limit, sequence, Math.max(fill, 1_000), fill);
  }

  @Test
  void everyLeafOfRandomBooksProvesAtItsPlaceAndAChangedLeafDoesNot() {
    Random r = new Random(7);
    for (int n = 1; n <= 70; n++) {
      List<AuctionBook.Leaf> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long open = 1 + r.nextInt(10_000);
        leaves.add(
            new AuctionBook.Leaf(
                hash(r), 1 + r.nextInt(1_000_000), i, open, r.nextInt((int) open + 1)));
      }
      AuctionBook book = AuctionBook.of(leaves, 0, 0, 1);
      int depth = 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 0));
      for (int i = 0; i < n; i++) {
        AuctionBook.Leaf l = leaves.get(i);
        List<Bytes32> proof = book.proof(i);
        assertThat(proof).as("as long as the tree is deep").hasSize(depth);
        assertThat(AuctionBook.verify(book.tree(), l, i, proof)).as("leaf %d of %d", i, n).isTrue();
        var lie =
            new AuctionBook.Leaf(l.orderHash(), l.limit() + 1, l.sequence(), l.open(), l.fill());
        assertThat(AuctionBook.verify(book.tree(), lie, i, proof)).isFalse();
        if (n > 1) {
          assertThat(AuctionBook.verify(book.tree(), l, i ^ 1, proof))
              .as("not at another place")
              .isFalse();
        }
      }
      assertThat(book.indexOf(hash(r))).isEmpty();
      AuctionBook back = AuctionBook.decode(book.encode());
      assertThat(back.root()).isEqualTo(book.root());
      assertThat(back.leaves()).isEqualTo(leaves);
    }
  }

  @Test
  void theRootIsTheHeadersHashSoTheLayoutIsCommittedToo() {
    Random r = new Random(1);
    var a = leaf(r, 10, 1, 1_000);
    var b = leaf(r, 5, 2, 1_000);
    assertThat(AuctionBook.of(List.of(a), 0, 0, 1).tree())
        .isEqualTo(Bytes32.wrap(AuctionBook.leafHash(a)));
    AuctionBook book = AuctionBook.of(List.of(a, b), 1, 1, 1);
    assertThat(book.root()).isNotEqualTo(AuctionBook.of(List.of(a, b), 0, 0, 1).root());
    assertThat(book.root()).isNotEqualTo(AuctionBook.of(List.of(a, b), 1, 1, 2).root());
    assertThat(book.root()).isNotEqualTo(AuctionBook.of(List.of(b, a), 1, 1, 1).root());
  }

  @Test
  void theRulesPriceIsTheMarginalPairsMidpointOnTheTick() {
    assertThat(AuctionBook.fairPrice(2_600_000, 2_400_000, 1)).isEqualTo(2_500_000);
    assertThat(AuctionBook.fairPrice(105, 100, 1)).isEqualTo(102);
    assertThat(AuctionBook.fairPrice(130, 100, 10)).isEqualTo(110);
    assertThat(AuctionBook.fairPrice(100, 100, 10)).isEqualTo(100);
    // a bid's place: what its all-in limit covers under the fee, on the tick (the court's
    // convictAuction.t.sol lists dave's 2.6 at 1 % the same way)
    assertThat(AuctionBook.bidLimit(2_600_000, 100, 1)).isEqualTo(2_574_257);
    assertThat(AuctionBook.bidLimit(2_600_000, 100, 1_000)).isEqualTo(2_574_000);
    assertThat(AuctionBook.bidLimit(2_600_000, 0, 1)).isEqualTo(2_600_000);
  }

  @Test
  void anHonestLayoutShowsNoFlawAndEachCheatShowsItsOwn() {
    Random r = new Random(3);
    var carol = leaf(r, 3_000_000, 1, 4_000);
    var dave = leaf(r, 2_600_000, 2, 2_000);
    var alice = leaf(r, 2_000_000, 3, 3_000);
    var bob = leaf(r, 2_400_000, 4, 3_000);
    var low = leaf(r, 1_000_000, 5, 0);
    AuctionBook honest = AuctionBook.of(List.of(carol, dave), List.of(alice, bob), List.of(low), 1);
    assertThat(honest.fairPrice()).hasValue(2_500_000);
    assertThat(honest.flaws(2_500_000)).isEmpty();

    assertThat(honest.flaws(2_600_000))
        .containsExactly(new AuctionBook.Flaw(AuctionBook.Flaw.Kind.MISPRICED, 1, 3, 2_500_000));

    AuctionBook disordered =
        AuctionBook.of(List.of(dave, carol), List.of(alice, bob), List.of(low), 1);
    assertThat(disordered.flaws(2_500_000))
        .contains(new AuctionBook.Flaw(AuctionBook.Flaw.Kind.DISORDERED, 0, 1, 0));

    AuctionBook hidden = AuctionBook.of(List.of(carol, dave), List.of(alice), List.of(low, bob), 1);
    assertThat(hidden.flaws(2_300_000))
        .containsExactly(new AuctionBook.Flaw(AuctionBook.Flaw.Kind.MISPLACED, 4, -1, 0));

    // equal limits rank by sequence
    var early = new AuctionBook.Leaf(hash(r), 3_000_000, 0, 1_000, 1_000);
    AuctionBook tie = AuctionBook.of(List.of(carol, early), List.of(alice), List.of(), 1);
    assertThat(tie.flaws(2_500_000))
        .contains(new AuctionBook.Flaw(AuctionBook.Flaw.Kind.DISORDERED, 0, 1, 0));
  }

  @Test
  void aPublishedBookHidesTheRestAndKeepsItsRootAndProofs() {
    Random r = new Random(5);
    var carol = leaf(r, 3_000_000, 1, 4_000);
    var alice = leaf(r, 2_000_000, 3, 3_000);
    var low = leaf(r, 1_000_000, 5, 0);
    var lower = leaf(r, 900_000, 6, 0);
    AuctionBook whole = AuctionBook.of(List.of(carol), List.of(alice), List.of(low, lower), 1);
    AuctionBook published = whole.published();
    assertThat(published.root()).isEqualTo(whole.root());
    assertThat(published.leaves()).containsExactly(carol, alice);
    assertThat(published.size()).isEqualTo(4);
    assertThat(published.restHashes())
        .containsExactly(
            Bytes32.wrap(AuctionBook.leafHash(low)), Bytes32.wrap(AuctionBook.leafHash(lower)));
    for (int i = 0; i < 4; i++) {
      assertThat(published.proof(i)).isEqualTo(whole.proof(i));
    }
    assertThat(published.flaws(2_500_000)).isEmpty();
    assertThat(published.flaws(2_400_000)).hasSize(1);
    assertThatThrownBy(published::encode).hasMessageContaining("hides leaves");
  }

  @Test
  void refusesWhatIsNoBook() {
    Random r = new Random(3);
    assertThatThrownBy(() -> AuctionBook.of(List.of(), 0, 0, 1))
        .hasMessageContaining("at least one order");
    var a = leaf(r, 5, 1, 5);
    assertThatThrownBy(() -> AuctionBook.of(List.of(a, a), 0, 0, 1)).hasMessageContaining("twice");
    assertThatThrownBy(() -> AuctionBook.of(List.of(a), 1, 1, 1))
        .hasMessageContaining("cannot list");
    assertThatThrownBy(() -> AuctionBook.of(List.of(a), 0, 0, 0)).hasMessageContaining("tick of 0");
    assertThatThrownBy(() -> new AuctionBook.Leaf(a.orderHash(), 5, 1, -1, 0))
        .hasMessageContaining("no negative");
    assertThatThrownBy(() -> AuctionBook.decode(new byte[48]))
        .hasMessageContaining("cannot be proven");
  }
}

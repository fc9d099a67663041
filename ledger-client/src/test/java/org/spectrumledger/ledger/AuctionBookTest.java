package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The auction book's Merkle tree: every leaf proves, nothing else does, and it survives storage.
 */
class AuctionBookTest {

  private static Bytes32 hash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Bytes32.wrap(b);
  }

  @Test
  void everyLeafOfRandomBooksProvesAndAChangedLeafDoesNot() {
    Random r = new Random(7);
    for (int n = 1; n <= 70; n++) {
      List<AuctionBook.Leaf> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long open = 1 + r.nextInt(10_000);
        leaves.add(new AuctionBook.Leaf(hash(r), open, r.nextInt((int) open + 1)));
      }
      AuctionBook book = AuctionBook.of(leaves);
      for (AuctionBook.Leaf l : leaves) {
        List<Bytes32> proof = book.proof(l.orderHash()).orElseThrow();
        assertThat(AuctionBook.verify(book.root(), l, proof)).as("leaf of %d", n).isTrue();
        var lie = new AuctionBook.Leaf(l.orderHash(), l.open(), l.fill() == 0 ? 1 : 0);
        if (lie.fill() <= lie.open()) {
          assertThat(AuctionBook.verify(book.root(), lie, proof)).isFalse();
        }
      }
      assertThat(book.proof(hash(r))).isEmpty();
      AuctionBook back = AuctionBook.decode(book.encode());
      assertThat(back.root()).isEqualTo(book.root());
      assertThat(back.leaves()).isEqualTo(leaves);
    }
  }

  @Test
  void aBookOfOneIsItsLeafAndTheOrderOfLeavesMatters() {
    var a = new AuctionBook.Leaf(Bytes32.wrap(new byte[32]), 5, 5);
    var b = new AuctionBook.Leaf(hash(new Random(1)), 7, 0);
    assertThat(AuctionBook.of(List.of(a)).root()).isEqualTo(Bytes32.wrap(AuctionBook.leafHash(a)));
    assertThat(AuctionBook.of(List.of(a, b)).root())
        .as("a pair is hashed in sorted order")
        .isEqualTo(AuctionBook.of(List.of(b, a)).root());
    var c = new AuctionBook.Leaf(hash(new Random(2)), 1, 1);
    assertThat(AuctionBook.of(List.of(a, b, c)).root())
        .isNotEqualTo(AuctionBook.of(List.of(c, a, b)).root());
  }

  @Test
  void refusesWhatIsNoBook() {
    assertThatThrownBy(() -> AuctionBook.of(List.of())).hasMessageContaining("at least one order");
    var a = new AuctionBook.Leaf(hash(new Random(3)), 5, 5);
    assertThatThrownBy(() -> AuctionBook.of(List.of(a, a))).hasMessageContaining("twice");
    assertThatThrownBy(() -> new AuctionBook.Leaf(a.orderHash(), 5, 6))
        .hasMessageContaining("fill <= open");
    assertThatThrownBy(() -> AuctionBook.decode(new byte[47])).hasMessageContaining("48 bytes");
  }
}

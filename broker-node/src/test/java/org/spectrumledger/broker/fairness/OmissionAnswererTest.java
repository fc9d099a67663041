package org.spectrumledger.broker.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.epoch.ClearingLog;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Signature;

/**
 * The answerer against a court and a store in memory: it reads each block range once, answers an
 * open challenge with the leaf and a proof that verifies against the stored book, leaves alone what
 * it cannot answer or what is no longer open, and tries a failed answer again.
 */
class OmissionAnswererTest {

  private static final Address BROKER = Address.of("0x00000000000000000000000000000000000000b0");
  private static final MarketKey MARKET = new MarketKey(4, 1, 7_200, 10_800);

  private static final Signature CANCEL = Signature.fromBytes(new byte[65]);

  private static Bytes32 hash(int i) {
    return Bytes32.of(String.format("0x%064x", i));
  }

  private final AuctionBook book =
      AuctionBook.of(
          List.of(new AuctionBook.Leaf(hash(1), 2_400_000, 1, 1_000, 1_000)),
          List.of(new AuctionBook.Leaf(hash(3), 2_000_000, 3, 500, 500)),
          List.of(
              new AuctionBook.Leaf(hash(2), 1_000_000, 2, 2_000, 0),
              new AuctionBook.Leaf(hash(4), 1_000_000, 4, 1_500, 0)),
          1);

  private final ClearingLog log =
      new ClearingLog() {
        @Override
        public long lastClearingId() {
          return 0;
        }

        @Override
        public Optional<OrderRecord> order(Bytes32 orderHash) {
          return Optional.empty();
        }

        @Override
        public List<ClearingRecord> recordClearings(List<NewClearing> clearings) {
          throw new AssertionError("the answerer only reads the log");
        }

        @Override
        public Optional<Signature> keptCancel(Bytes32 orderHash) {
          return orderHash.equals(hash(2)) ? Optional.of(CANCEL) : Optional.empty();
        }

        @Override
        public List<FillReceipt> receiptsOf(Bytes32 orderHash) {
          if (!orderHash.equals(hash(4))) {
            return List.of();
          }
          String sig = "0x" + "11".repeat(64) + "1b";
          return List.of(
              // due before the cut-off (77 ms): settled or failed by then
              new FillReceipt(orderHash, 1_500, 1_500, 2_100_000, 40, 0, sig),
              // a part of the order only
              new FillReceipt(orderHash, 1_000, 1_000, 2_100_000, 41, 30, sig),
              new FillReceipt(orderHash, 500, 1_500, 2_100_000, 42, 31, sig),
              new FillReceipt(orderHash, 1_500, 1_500, 2_100_000, 43, 30, sig));
        }

        @Override
        public Optional<Auction> book(MarketKey market, long cutoff) {
          return market.equals(MARKET) && cutoff == 77
              ? Optional.of(new Auction(market, cutoff, 2_200_000, book))
              : Optional.empty();
        }
      };

  private final class FakeCourt implements OmissionAnswerer.Court {
    long head = 10;
    final List<long[]> ranges = new ArrayList<>();
    final List<OmissionAnswerer.Challenged> announced = new ArrayList<>();
    final Map<Bytes32, CourtClient.Challenge.State> states = new HashMap<>();
    final List<Bytes32> answered = new ArrayList<>();
    final Map<Bytes32, String> shown = new HashMap<>();

    /** Orders the court finds passed over unless the answer cites a receipt. */
    final List<Bytes32> passedOver = new ArrayList<>();

    /** Orders whose fill the chain does not show yet. */
    final List<Bytes32> unsettled = new ArrayList<>();

    long chainTime = 500;

    int failuresLeft;

    @Override
    public long head() {
      return head;
    }

    @Override
    public long chainTime() {
      return chainTime;
    }

    @Override
    public List<OmissionAnswerer.Challenged> challenged(Address broker, long from, long to) {
      assertThat(broker).isEqualTo(BROKER);
      ranges.add(new long[] {from, to});
      List<OmissionAnswerer.Challenged> out = List.copyOf(announced);
      announced.clear();
      return out;
    }

    @Override
    public CourtClient.Challenge.State state(Bytes32 id) {
      return states.getOrDefault(id, CourtClient.Challenge.State.OPEN);
    }

    @Override
    public java.util.OptionalInt feeOf(MarketKey market, long cutoff, Address broker) {
      return java.util.OptionalInt.of(25);
    }

    @Override
    public void answer(
        OmissionAnswerer.Challenged c,
        CourtClient.CommittedAuction auction,
        int index,
        int marginal,
        Optional<Signature> cancel,
        Optional<CourtClient.SignedFill> matched) {
      if (unsettled.contains(c.orderHash())) {
        throw new ContractRevertedException(
            "answerOmission", new ContractError.CourtFillNotSettled(c.id(), 1_000, 1_000), hash(0));
      }
      if (passedOver.contains(c.orderHash()) && matched.isEmpty()) {
        throw new ContractRevertedException(
            "answerOmission",
            new ContractError.CourtOrderPassedOver(c.id(), BigInteger.valueOf(marginal)),
            hash(0));
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("node away");
      }
      assertThat(auction.price()).isEqualTo(2_200_000);
      assertThat(auction.feeBps()).as("the fee the commitment names").isEqualTo(25);
      assertThat(auction.broker()).isEqualTo(BROKER);
      AuctionBook.Leaf leaf = auction.book().leaves().get(index);
      assertThat(leaf.orderHash()).isEqualTo(c.orderHash());
      assertThat(
              AuctionBook.verify(auction.book().tree(), leaf, index, auction.book().proof(index)))
          .isTrue();
      answered.add(c.id());
      shown.put(
          c.orderHash(),
          index
              + "/"
              + marginal
              + (cancel.isPresent() ? "/cancel" : "")
              + matched.map(m -> "/receipt " + m.receipt().clearingId()).orElse(""));
      states.put(c.id(), CourtClient.Challenge.State.ANSWERED);
    }
  }

  private static OmissionAnswerer.Challenged challenge(int id, int order, long cutoff) {
    return new OmissionAnswerer.Challenged(hash(100 + id), hash(order), MARKET, cutoff, 1_000);
  }

  @Test
  void answersWhatItCanOnceAndReadsEachBlockRangeOnce() {
    FakeCourt court = new FakeCourt();
    OmissionAnswerer answerer = new OmissionAnswerer(court, log, BROKER, 5);
    court.announced.add(challenge(1, 2, 77)); // in the book
    court.announced.add(challenge(2, 9, 77)); // not in the book: cannot be answered
    court.announced.add(challenge(3, 1, 78)); // an auction it has no book of
    OmissionAnswerer.Challenged closed = challenge(4, 3, 77);
    court.announced.add(closed);
    court.states.put(closed.id(), CourtClient.Challenge.State.UPHELD);

    assertThat(answerer.poll()).isEqualTo(11);
    assertThat(court.answered).containsExactly(hash(101));
    assertThat(answerer.answered()).isEqualTo(1);

    court.head = 12;
    assertThat(answerer.poll()).isEqualTo(13);
    assertThat(court.ranges).extracting(r -> r[0] + "-" + r[1]).containsExactly("5-10", "11-12");
    assertThat(court.answered).containsExactly(hash(101));
  }

  @Test
  void anUnfilledOrderIsShownWithItsSidesMarginalLeafAndItsMakersCancel() {
    FakeCourt court = new FakeCourt();
    OmissionAnswerer answerer = new OmissionAnswerer(court, log, BROKER, 0);
    court.announced.add(challenge(1, 1, 77)); // the filled bid: its leaf is enough
    court.announced.add(challenge(2, 2, 77)); // unfilled, cancelled at the broker by its maker
    answerer.poll();
    assertThat(court.shown)
        .containsEntry(hash(1), "0/0")
        // not in the log, so compared with the last filled bid (index 0), with the kept cancel
        .containsEntry(hash(2), "2/0/cancel");
  }

  @Test
  void anOrderMatchedWholeAndStillSettlingAtTheCutoffIsExcusedByItsReceipt() {
    FakeCourt court = new FakeCourt();
    OmissionAnswerer answerer = new OmissionAnswerer(court, log, BROKER, 0);
    court.passedOver.add(hash(4));
    court.passedOver.add(hash(2));
    court.announced.add(challenge(1, 4, 77));
    court.announced.add(challenge(2, 2, 77)); // passed over, with no receipt to cite
    answerer.poll();
    // the whole order's receipt due after the cut-off, the earliest of those
    assertThat(court.shown).containsOnlyKeys(hash(4)).containsEntry(hash(4), "3/0/receipt 43");
    assertThat(answerer.answered()).isEqualTo(1);
  }

  @Test
  void aFilledOrderWhoseFillIsNotOnChainYetIsAnsweredOnceItIs() {
    FakeCourt court = new FakeCourt();
    OmissionAnswerer answerer = new OmissionAnswerer(court, log, BROKER, 0);
    court.unsettled.add(hash(1));
    court.announced.add(challenge(1, 1, 77)); // answer due by 1,000
    answerer.poll();
    answerer.poll();
    assertThat(court.answered).isEmpty();
    court.unsettled.clear(); // the auction's later part settled
    answerer.poll();
    assertThat(court.answered).containsExactly(hash(101));
  }

  @Test
  void aFillNeverSettledIsLeftToTheCourtOnceTheAnswerIsDue() {
    FakeCourt court = new FakeCourt();
    OmissionAnswerer answerer = new OmissionAnswerer(court, log, BROKER, 0);
    court.unsettled.add(hash(1));
    court.announced.add(challenge(1, 1, 77));
    court.chainTime = 1_001;
    answerer.poll();
    court.unsettled.clear();
    answerer.poll();
    assertThat(court.answered).as("given up on").isEmpty();
  }

  @Test
  void aFailedAnswerIsTriedAgainAtTheNextPass() {
    FakeCourt court = new FakeCourt();
    OmissionAnswerer answerer = new OmissionAnswerer(court, log, BROKER, 0);
    court.failuresLeft = 1;
    court.announced.add(challenge(1, 1, 77));
    answerer.poll();
    assertThat(court.answered).isEmpty();
    answerer.poll();
    assertThat(court.answered).containsExactly(hash(101));
  }
}

package org.spectrumledger.operator.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.broker.api.AuctionBookView;
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.IntakeReceipt;
import org.spectrumledger.ledger.AuctionBook;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.ContractRevertedException;
import org.spectrumledger.ledger.CourtClient;
import org.spectrumledger.ledger.Fill;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The operator's audit of the books the broker publishes, on a real chain: an honest auction is
 * checked and left alone; a mispriced one is reported by a dry run, then proven to the court and
 * the operator's wronged bid repaid; a book the broker does not publish, or publishes unlike its
 * commitment, is reported and proves nothing.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookAuditorTest {

  private static final long BAND = 4;

  private DevChain chain;
  private DevLedger ledger;
  private LedgerClient broker;
  private SigningKey seller;
  private SigningKey buyer;
  private OffChainMessages messages;
  private final Map<String, AuctionBookView> published = new HashMap<>();
  private long nonce = 1;
  private long cell = 20;

  @BeforeAll
  void deploy(DevChain chain) {
    this.chain = chain;
    ledger = DevLedger.deploy(chain, 60);
    ledger.admin().policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, 3_600);
    BigInteger tokens = BigInteger.valueOf(10_000_000_000L);
    seller = ledger.newOperator("Seller", OperatorKind.MOBILE_NETWORK, tokens, tokens);
    // half the tokens stay in the wallet: an omission challenge pays its deposit from there
    buyer = ledger.newOperator("Buyer", OperatorKind.MICRO_OPERATOR, tokens, tokens.shiftRight(1));
    broker = ledger.client(ledger.brokerKey());
    messages = new OffChainMessages(ledger.deployment().domain());
  }

  @AfterAll
  void close() {
    broker.close();
    ledger.close();
  }

  private BookAuditor.Books books() {
    return (market, cutoff) -> Optional.ofNullable(published.get(market + "/" + cutoff));
  }

  /** An auction the broker settles and commits: the buyer's bid at 2.4 against an ask at 2.0. */
  private record Settled(MarketKey market, long cutoff, Order bid, AuctionBook book, long price) {}

  private Settled settle(ReceiptBook book, long price) {
    return settle(book, price, List.of());
  }

  /**
   * As above; {@code others} are more of the buyer's bids, each a pair (limit, whether the book
   * lists it among the rest): the broker accepted them all (their intake receipts are kept), fills
   * none of them, and leaves out of its book those not listed.
   */
  private Settled settle(ReceiptBook book, long price, List<long[]> others) {
    long now = ledger.admin().chainTime();
    MarketKey market = newMarket();
    long slotStart = market.slotStart();
    SignedOrder ask = signed(seller, Side.ASK, market, 1_000, 2_000_000);
    SignedOrder bid = signed(buyer, Side.BID, market, 1_000, 2_400_000);
    Bytes32 bidHash = hash(bid);
    long cutoff = now * 1000;
    List<AuctionBook.Leaf> rest = new java.util.ArrayList<>();
    long sequence = 3;
    for (long[] other : others) {
      Order o =
          new Order(buyer.address(), Side.BID, market, 1_000, other[0], nonce++, slotStart, true);
      Bytes32 h = broker.exchange().orderSigner().hasher().orderHash(o);
      keep(book, o, h, cutoff - 5, sequence, now);
      if (other[1] == 1) {
        rest.add(new AuctionBook.Leaf(h, other[0], sequence, 1_000, 0));
      }
      sequence++;
    }
    keep(book, bid.order(), bidHash, cutoff - 10, 2, now);
    AuctionBook auction =
        AuctionBook.of(
            List.of(new AuctionBook.Leaf(bidHash, 2_400_000, 2, 1_000, 1_000)),
            List.of(new AuctionBook.Leaf(hash(ask), 2_000_000, 1, 1_000, 1_000)),
            rest,
            1);
    commit(market, price, cutoff, auction, List.of(new Fill(ask, 1_000), new Fill(bid, 1_000)));
    return new Settled(market, cutoff, bid.order(), auction, price);
  }

  /** Settles {@code fills} as the broker, committing {@code auction}'s book. */
  private void commit(
      MarketKey market, long price, long cutoff, AuctionBook auction, List<Fill> fills) {
    broker
        .exchange()
        .settleBatch(nonce++, List.of(new Clearing(market, price, cutoff, auction.root(), fills)));
  }

  /** A market of the next hour in a cell of its own, where the seller holds a licence. */
  private MarketKey newMarket() {
    LedgerClient admin = ledger.admin();
    long now = admin.chainTime();
    long c = CellId.of(CellId.Layer.GROUND, cell++).value();
    admin.policy().grantLicence(seller.address(), BAND, c, 1_000_000, now, now + 86_400);
    long slotStart = (now / 3_600 + 1) * 3_600;
    return new MarketKey(BAND, c, slotStart, slotStart + 3_600);
  }

  private SignedOrder signed(SigningKey key, Side side, MarketKey m, long quantity, long limit) {
    return sign(
        key, new Order(key.address(), side, m, quantity, limit, nonce++, m.slotStart(), true));
  }

  /** Keeps the broker's intake receipt for {@code o}, as the operator's node does. */
  private void keep(
      ReceiptBook book, Order o, Bytes32 hash, long acceptedAt, long sequence, long now) {
    var m = new OffChainMessages.IntakeReceipt(hash, o.market(), acceptedAt, sequence);
    String signature = messages.signIntake(ledger.brokerKey(), m).toHex();
    book.keepIntake(
        new KeptIntake(
            o,
            new IntakeReceipt(hash, o.market(), acceptedAt, sequence, signature),
            now,
            List.of(),
            false));
  }

  private void publish(Settled s) {
    published.put(
        s.market() + "/" + s.cutoff(),
        AuctionBookView.of(s.market(), s.cutoff(), s.price(), s.book()));
  }

  private SignedOrder sign(SigningKey key, Order o) {
    return broker.exchange().orderSigner().sign(o, key);
  }

  private Bytes32 hash(SignedOrder o) {
    return broker.exchange().orderSigner().hasher().orderHash(o.order());
  }

  /** Why the court refuses the broker's answer to {@code id} with the leaf at {@code index}. */
  private ContractError refusedAnswer(
      Bytes32 id, CourtClient.CommittedAuction committed, int index, int marginal) {
    return catchThrowableOfType(
            ContractRevertedException.class,
            () ->
                broker
                    .court()
                    .answerOmission(
                        id,
                        committed,
                        index,
                        marginal,
                        Optional.<Signature>empty(),
                        Optional.empty()))
        .error();
  }

  private void pastTheGrace() {
    chain.advanceTime(Duration.ofSeconds(IntakeAuditor.GRACE_SECONDS + 1));
  }

  @Test
  void anHonestAuctionIsCheckedAndLeftAlone() {
    ReceiptBook book = ReceiptBook.inMemory();
    try (LedgerClient me = ledger.client(buyer)) {
      BookAuditor auditor = new BookAuditor(me, book, books());
      Settled s = settle(book, 2_200_000);
      publish(s);
      assertThat(auditor.audit(true).auctionsChecked()).as("too fresh to judge").isZero();
      pastTheGrace();
      BookAuditor.Findings f = auditor.audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.auctionsChecked()).isEqualTo(1);
      assertThat(f.convicted()).isZero();
      assertThat(auditor.audit(true).auctionsChecked()).as("judged once").isEqualTo(1);
    }
  }

  @Test
  void aMispricedAuctionIsReportedByADryRunThenProvenAndTheBidRepaid() {
    ReceiptBook book = ReceiptBook.inMemory();
    try (LedgerClient me = ledger.client(buyer)) {
      Settled s = settle(book, 2_300_000);
      publish(s);
      pastTheGrace();
      BookAuditor.Findings dry = new BookAuditor(me, book, books()).audit(false);
      assertThat(dry.problems())
          .singleElement()
          .asString()
          .contains("cleared at 2300000, the rule gives 2200000 (a dry run proves nothing)");
      assertThat(dry.convicted()).isZero();

      BigInteger before = broker.token().tokenBalance(buyer.address());
      BookAuditor auditor = new BookAuditor(me, book, books());
      BookAuditor.Findings f = auditor.audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.convictedNow()).isEqualTo(1);
      assertThat(f.claimsPaid()).isEqualTo(1);
      // 1 SRU, 0.1 a SRU too dear
      assertThat(f.compensation()).isEqualTo(BigInteger.valueOf(100_000));
      assertThat(broker.token().tokenBalance(buyer.address()).subtract(before))
          .isEqualTo(BigInteger.valueOf(100_000));
      assertThat(auditor.audit(true).convictedNow()).as("nothing proven twice").isZero();
    } finally {
      ledger.admin().bondFromTreasury(ledger.brokerKey().address());
    }
  }

  @Test
  void aBookOutOfItsOwnOrderIsConvictedFirstAndItsPassedOverBidChallenged() {
    ReceiptBook book = ReceiptBook.inMemory();
    long now = ledger.admin().chainTime();
    MarketKey market = newMarket();
    long slotStart = market.slotStart();
    SignedOrder ask = signed(seller, Side.ASK, market, 2_000, 2_000_000);
    SignedOrder low = signed(buyer, Side.BID, market, 1_000, 2_400_000);
    SignedOrder high = signed(buyer, Side.BID, market, 1_000, 3_000_000);
    Order passedOver =
        new Order(buyer.address(), Side.BID, market, 1_000, 2_600_000, nonce++, slotStart, true);
    Bytes32 passedHash = broker.exchange().orderSigner().hasher().orderHash(passedOver);
    long cutoff = now * 1000;
    keep(book, passedOver, passedHash, cutoff - 5, 5, now);
    // the broker lists the 3.0 bid last among the filled ones, so that the 2.6 bid it passed over
    // seems outranked by the marginal bid (at 2.4, the most the 2.4 bid pays, the book is also
    // mispriced: the court convicts it of one flaw or the other)
    AuctionBook auction =
        AuctionBook.of(
            List.of(
                new AuctionBook.Leaf(hash(low), 2_400_000, 2, 1_000, 1_000),
                new AuctionBook.Leaf(hash(high), 3_000_000, 3, 1_000, 1_000)),
            List.of(new AuctionBook.Leaf(hash(ask), 2_000_000, 1, 2_000, 2_000)),
            List.of(new AuctionBook.Leaf(passedHash, 2_600_000, 5, 1_000, 0)),
            1);
    commit(
        market,
        2_400_000,
        cutoff,
        auction,
        List.of(new Fill(ask, 2_000), new Fill(low, 1_000), new Fill(high, 1_000)));
    publish(new Settled(market, cutoff, low.order(), auction, 2_400_000));
    pastTheGrace();
    try (LedgerClient me = ledger.client(buyer)) {
      BookAuditor books = new BookAuditor(me, book, books());
      assertThat(books.audit(true).convictedNow()).as("a flaw proven").isEqualTo(1);
      IntakeAuditor.Findings f = new IntakeAuditor(me, book).readingBooks(books).audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.challengedNow()).as("challenged though the book ranks it below").isEqualTo(1);
      // and the broker cannot answer with the book's false marginal bid
      Bytes32 id = CourtClient.challengeId(passedHash, cutoff, ledger.brokerKey().address());
      var committed =
          new CourtClient.CommittedAuction(
              market,
              cutoff,
              ledger.brokerKey().address(),
              2_400_000,
              broker.exchange().feeBps(),
              auction);
      assertThat(refusedAnswer(id, committed, 3, 1))
          .isEqualTo(new ContractError.CourtOrderPassedOver(id, BigInteger.ONE));
    } finally {
      ledger.admin().bondFromTreasury(ledger.brokerKey().address());
    }
  }

  @Test
  void anUnfilledOrderIsChallengedForOmissionOnlyWhenItOutranksTheMarginalOne() {
    ReceiptBook book = ReceiptBook.inMemory();
    try (LedgerClient me = ledger.client(buyer)) {
      BookAuditor books = new BookAuditor(me, book, books());
      // at 2.2: a bid at 2.3 in the book ranks below the marginal bid (2.4) and honestly gets
      // nothing; a bid at 2.5 left out of the book outranks it, where the rule fills it first
      Settled s =
          settle(book, 2_200_000, List.of(new long[] {2_300_000, 1}, new long[] {2_500_000, 0}));
      publish(s);
      pastTheGrace();
      IntakeAuditor.Findings dry = new IntakeAuditor(me, book).readingBooks(books).audit(false);
      assertThat(dry.challengedNow()).isZero();
      assertThat(dry.suspect()).as("the bid at 2.5 alone").isEqualTo(1);
      IntakeAuditor.Findings f = new IntakeAuditor(me, book).readingBooks(books).audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.challengedNow()).as("the dry run kept no verdict: challenged now").isEqualTo(1);
      assertThat(book.intakes())
          .flatExtracting(KeptIntake::auctions)
          .extracting(KeptIntake.AuctionCheck::note)
          .contains("ranked below the marginal order of its side in the published book");
      // without the published book the bid at 2.3 would have been challenged too
      ReceiptBook blind = ReceiptBook.inMemory();
      settle(blind, 2_200_000, List.of(new long[] {2_300_000, 1}));
      pastTheGrace();
      assertThat(new IntakeAuditor(me, blind).audit(false).suspect()).isEqualTo(1);
    }
  }

  @Test
  void aBidTheBookFillsButTheSettlementLeavesOutIsChallengedAndNoAnswerStands() {
    ReceiptBook book = ReceiptBook.inMemory();
    long now = ledger.admin().chainTime();
    MarketKey market = newMarket();
    SignedOrder ask = signed(seller, Side.ASK, market, 2_000, 2_000_000);
    SignedOrder bid = signed(buyer, Side.BID, market, 1_000, 2_400_000);
    Order listed =
        new Order(
            buyer.address(), Side.BID, market, 1_000, 2_500_000, nonce++, market.slotStart(), true);
    Bytes32 listedHash = broker.exchange().orderSigner().hasher().orderHash(listed);
    long cutoff = now * 1000;
    keep(book, listed, listedHash, cutoff - 5, 3, now);
    // the book fills the 2.5 bid first, and the settlement leaves its fill (and half the ask's) out
    AuctionBook auction =
        AuctionBook.of(
            List.of(
                new AuctionBook.Leaf(listedHash, 2_500_000, 3, 1_000, 1_000),
                new AuctionBook.Leaf(hash(bid), 2_400_000, 4, 1_000, 1_000)),
            List.of(new AuctionBook.Leaf(hash(ask), 2_000_000, 1, 2_000, 2_000)),
            List.of(),
            1);
    commit(market, 2_200_000, cutoff, auction, List.of(new Fill(ask, 1_000), new Fill(bid, 1_000)));
    publish(new Settled(market, cutoff, bid.order(), auction, 2_200_000));
    pastTheGrace();
    try (LedgerClient me = ledger.client(buyer)) {
      BookAuditor books = new BookAuditor(me, book, books());
      books.audit(true);
      IntakeAuditor.Findings f = new IntakeAuditor(me, book).readingBooks(books).audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.challengedNow()).isEqualTo(1);
      assertThat(book.intakes())
          .flatExtracting(KeptIntake::auctions)
          .extracting(KeptIntake.AuctionCheck::note)
          .contains("the committed book fills it up to 1000 milli-SRU, the chain shows 0");
      Bytes32 id = CourtClient.challengeId(listedHash, cutoff, ledger.brokerKey().address());
      var committed =
          new CourtClient.CommittedAuction(
              market,
              cutoff,
              ledger.brokerKey().address(),
              2_200_000,
              broker.exchange().feeBps(),
              auction);
      assertThat(refusedAnswer(id, committed, 0, 0))
          .isEqualTo(new ContractError.CourtFillNotSettled(id, 1_000, 1_000));
    }
  }

  @Test
  void aBidMatchedWholeInAnAuctionStillSettlingIsNotChallengedInTheNext() {
    ReceiptBook book = ReceiptBook.inMemory();
    try (LedgerClient me = ledger.client(buyer)) {
      BookAuditor books = new BookAuditor(me, book, books());
      // the bid at 2.5 outranks the marginal 2.4 bid, but the broker had matched all of it in an
      // earlier auction whose settlement was still due 30 s after this one's cut-off
      Settled s = settle(book, 2_200_000, List.of(new long[] {2_500_000, 1}));
      publish(s);
      KeptIntake matched =
          book.intakes().stream()
              .filter(k -> k.order().limitPrice() == 2_500_000)
              .findFirst()
              .orElseThrow();
      var receipt =
          new OffChainMessages.FillReceipt(
              matched.receipt().orderHash(), 1_000, 1_000, 2_300_000, 99, s.cutoff() / 1000 + 30);
      book.keep(
          new KeptReceipt(
              matched.order(),
              new FillReceipt(
                  receipt.orderHash(),
                  1_000,
                  1_000,
                  2_300_000,
                  99,
                  receipt.settleBy(),
                  messages.signReceipt(ledger.brokerKey(), receipt).toHex()),
              s.cutoff() / 1000,
              KeptReceipt.Status.PENDING,
              null,
              null,
              null,
              null));
      pastTheGrace();
      IntakeAuditor.Findings f = new IntakeAuditor(me, book).readingBooks(books).audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.challengedNow()).isZero();
      assertThat(book.intakes())
          .flatExtracting(KeptIntake::auctions)
          .extracting(KeptIntake.AuctionCheck::note)
          .anyMatch(n -> n.startsWith("matched whole in an earlier auction"));
    }
  }

  @Test
  void aBrokerAwayIsReportedOnceAPassAndItsBooksReadOnceItIsBack() {
    ReceiptBook book = ReceiptBook.inMemory();
    try (LedgerClient me = ledger.client(buyer)) {
      boolean[] away = {true};
      int[] reads = {0};
      BookAuditor.Books flaky =
          (market, cutoff) -> {
            reads[0]++;
            if (away[0]) {
              throw new BookAuditor.Unreachable("connection refused", null);
            }
            return books().book(market, cutoff);
          };
      BookAuditor auditor = new BookAuditor(me, book, flaky);
      publish(settle(book, 2_200_000));
      publish(settle(book, 2_200_000));
      pastTheGrace();
      BookAuditor.Findings f = auditor.audit(true);
      assertThat(f.problems()).singleElement().asString().contains("cannot be read now");
      assertThat(reads[0]).as("the pass stops at the first").isEqualTo(1);
      assertThat(f.auctionsChecked()).isZero();
      away[0] = false;
      BookAuditor.Findings back = auditor.audit(true);
      assertThat(back.problems()).isEmpty();
      assertThat(back.auctionsChecked()).isEqualTo(2);
    }
  }

  @Test
  void aBookNotPublishedOrNotTheOneCommittedIsReportedAndProvesNothing() {
    ReceiptBook book = ReceiptBook.inMemory();
    try (LedgerClient me = ledger.client(buyer)) {
      BookAuditor auditor = new BookAuditor(me, book, books());
      Settled s = settle(book, 2_300_000);
      pastTheGrace();
      BookAuditor.Findings f = auditor.audit(true);
      assertThat(f.unavailable()).isEqualTo(1);
      assertThat(f.problems()).singleElement().asString().contains("publishes no book matching");
      // a book that says the price was the rule's is not the one committed
      published.put(
          s.market() + "/" + s.cutoff(),
          AuctionBookView.of(s.market(), s.cutoff(), 2_200_000, s.book()));
      assertThat(auditor.audit(true).unavailable()).isEqualTo(1);
      assertThat(me.court().verdictOf(s.market(), s.cutoff(), ledger.brokerKey().address()).flaw())
          .isEqualTo(org.spectrumledger.ledger.CourtClient.Verdict.Flaw.NONE);
    }
  }
}

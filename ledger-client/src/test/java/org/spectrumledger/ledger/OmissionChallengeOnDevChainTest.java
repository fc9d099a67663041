package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * T5 from Java on a real chain: settling commits the auction's book; an order the broker's intake
 * receipt promised into it is shown with the Java Merkle proof, and one left out is upheld and its
 * maker paid from the bond.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// the omission test moves the chain's clock a day on: it runs last
@TestMethodOrder(MethodOrderer.MethodName.class)
class OmissionChallengeOnDevChainTest {

  private static final long BAND = 4;
  private static final long CELL = CellId.of(CellId.Layer.GROUND, 11).value();

  private DevLedger ledger;
  private LedgerClient broker;
  private SigningKey seller;
  private SigningKey buyer;
  private SigningKey victim;
  private MarketKey market;
  private OffChainMessages messages;
  private long nonce = 1;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
    ledger.admin().policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, 3_600);
    BigInteger tokens = BigInteger.valueOf(10_000_000_000L);
    seller =
        ledger.newOperator("Seller", OperatorKind.MOBILE_NETWORK, tokens, tokens.shiftRight(1));
    buyer = ledger.newOperator("Buyer", OperatorKind.MICRO_OPERATOR, tokens, tokens.shiftRight(1));
    victim =
        ledger.newOperator("Victim", OperatorKind.MICRO_OPERATOR, tokens, tokens.shiftRight(1));
    LedgerClient admin = ledger.admin();
    long now = admin.chainTime();
    admin.policy().grantLicence(seller.address(), BAND, CELL, 1_000_000, now, now + 86_400);
    long slotStart = (now / 3_600 + 1) * 3_600;
    market = new MarketKey(BAND, CELL, slotStart, slotStart + 3_600);
    broker = ledger.client(ledger.brokerKey());
    messages = new OffChainMessages(ledger.deployment().domain());
  }

  @AfterAll
  void close() {
    if (broker != null) {
      broker.close();
    }
    ledger.close();
  }

  private SignedOrder order(SigningKey maker, Side side, long quantity, long limit) {
    Order o =
        new Order(
            maker.address(), side, market, quantity, limit, nonce++, market.slotStart(), true);
    return broker.exchange().orderSigner().sign(o, maker);
  }

  private Bytes32 hash(SignedOrder o) {
    return broker.exchange().orderSigner().hasher().orderHash(o.order());
  }

  private SignedOrder lastBid;

  /**
   * Settles a pair at {@code price} (2.2 tokens is the rule's) with a book of the pair and, when
   * given, {@code alsoInBook}.
   */
  private AuctionBook settle(long cutoff, long batchId, SignedOrder alsoInBook, long price) {
    SignedOrder ask = order(seller, Side.ASK, 1_000, 2_000_000);
    SignedOrder bid = order(buyer, Side.BID, 1_000, 2_400_000);
    lastBid = bid;
    List<AuctionBook.Leaf> rest =
        alsoInBook == null
            ? List.of()
            : List.of(
                new AuctionBook.Leaf(
                    hash(alsoInBook),
                    alsoInBook.order().limitPrice(),
                    nonce,
                    alsoInBook.order().quantity(),
                    0));
    AuctionBook book =
        AuctionBook.of(
            List.of(new AuctionBook.Leaf(hash(bid), 2_400_000, 2, 1_000, 1_000)),
            List.of(new AuctionBook.Leaf(hash(ask), 2_000_000, 1, 1_000, 1_000)),
            rest,
            1);
    broker
        .exchange()
        .settleBatch(
            batchId,
            List.of(
                new Clearing(
                    market,
                    price,
                    cutoff,
                    book.root(),
                    List.of(new Fill(ask, 1_000), new Fill(bid, 1_000)))));
    return book;
  }

  private CourtClient.CommittedAuction committed(long cutoff, long price, AuctionBook book) {
    return new CourtClient.CommittedAuction(
        market, cutoff, ledger.brokerKey().address(), price, broker.exchange().feeBps(), book);
  }

  /** The victim challenges the auction cut off at {@code cutoff} for {@code o}; its id. */
  private Bytes32 challengeAsVictim(SignedOrder o, long cutoff) {
    var receipt = intake(o, cutoff - 5);
    try (LedgerClient challenger = ledger.client(victim)) {
      challenger
          .court()
          .challengeOmission(
              o.order(), receipt, messages.signIntake(ledger.brokerKey(), receipt), cutoff);
    }
    return CourtClient.challengeId(hash(o), cutoff, ledger.brokerKey().address());
  }

  /** The broker answers with {@code o}'s leaf, compared with the last filled bid. */
  private void answerWithLeaf(
      Bytes32 id, long cutoff, AuctionBook book, SignedOrder o, Optional<Signature> cancel) {
    broker
        .court()
        .answerOmission(
            id,
            committed(cutoff, 2_200_000, book),
            book.indexOf(hash(o)).orElseThrow(),
            book.filledBids() - 1,
            cancel,
            Optional.empty());
  }

  private OffChainMessages.IntakeReceipt intake(SignedOrder o, long acceptedAt) {
    return new OffChainMessages.IntakeReceipt(hash(o), market, acceptedAt, nonce);
  }

  @Test
  void aMispricedAuctionIsConvictedFromItsBookAndTheBuyerRepaid() {
    long cutoff = ledger.admin().chainTime() * 1000 + 7;
    // the rule gives 2.2 for the pair (2.4, 2.0); the broker settles at 2.3
    AuctionBook book = settle(cutoff, 3, null, 2_300_000);
    assertThat(book.flaws(2_300_000))
        .containsExactly(new AuctionBook.Flaw(AuctionBook.Flaw.Kind.MISPRICED, 0, 1, 2_200_000));
    var auction = committed(cutoff, 2_300_000, book);
    try (LedgerClient auditor = ledger.client(victim)) {
      ContractRevertedException notYet =
          catchThrowableOfType(
              ContractRevertedException.class,
              () -> auditor.court().claimAuction(auction, 0, lastBid.order()));
      assertThat(notYet.error()).isInstanceOf(ContractError.CourtAuctionNotConvicted.class);
      auditor.court().convictPrice(auction);
      assertThat(auditor.court().verdictOf(market, cutoff, ledger.brokerKey().address()))
          .isEqualTo(new CourtClient.Verdict(CourtClient.Verdict.Flaw.MISPRICED, 2_200_000));
      BigInteger before = broker.token().tokenBalance(buyer.address());
      auditor.court().claimAuction(auction, 0, lastBid.order());
      // 1 SRU at 0.1 a SRU too much
      assertThat(broker.token().tokenBalance(buyer.address()).subtract(before))
          .isEqualTo(BigInteger.valueOf(100_000));
      Bytes32 claim =
          CourtClient.auctionClaimId(market, cutoff, ledger.brokerKey().address(), hash(lastBid));
      assertThat(broker.court().claimOf(claim))
          .isEqualTo(
              new CourtClient.Claim(BigInteger.valueOf(100_000), BigInteger.valueOf(100_000)));
      // the explorer's court page lists the conviction
      var convicted =
          new org.spectrumledger.ledger.explorer.Explorer(auditor)
              .court(ledger.brokerKey().address())
              .auctions();
      assertThat(convicted)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.flaw()).isEqualTo("mispriced");
                assertThat(c.market()).isEqualTo(market.toString());
                assertThat(c.challenger()).isEqualToIgnoringCase(victim.address().hex());
                assertThat(c.fairPrice()).isEqualByComparingTo("2.2");
                assertThat(c.price()).isEqualByComparingTo("2.3");
              });
    } finally {
      ledger.admin().bondFromTreasury(ledger.brokerKey().address());
    }
  }

  @Test
  void anOrderInTheBookIsShownWithItsProofAndTheDepositPaysTheBroker() {
    SignedOrder resting = order(victim, Side.BID, 2_000, 1_000_000);
    long cutoff = ledger.admin().chainTime() * 1000;
    AuctionBook book = settle(cutoff, 1, resting, 2_200_000);
    var commitment =
        broker
            .exchange()
            .bookCommitment(market, cutoff, ledger.brokerKey().address())
            .orElseThrow();
    assertThat(commitment.matches(book.root(), 2_200_000, 0)).isTrue();
    assertThat(commitment.matches(book.root(), 2_200_001, 0)).isFalse();
    assertThat(commitment.matches(book.root(), 2_200_000, 1)).isFalse();

    var receipt = intake(resting, cutoff - 5);
    Signature sig = messages.signIntake(ledger.brokerKey(), receipt);
    BigInteger brokerBefore = broker.token().tokenBalance(ledger.brokerKey().address());
    try (LedgerClient challenger = ledger.client(victim)) {
      challenger.court().challengeOmission(resting.order(), receipt, sig, cutoff);
    }
    Bytes32 id = CourtClient.challengeId(hash(resting), cutoff, ledger.brokerKey().address());
    assertThat(broker.court().challengeOf(id).state()).isEqualTo(CourtClient.Challenge.State.OPEN);

    int index = book.indexOf(hash(resting)).orElseThrow();
    assertThat(book.isFilled(index)).as("listed after the filled orders").isFalse();
    broker
        .court()
        .answerOmission(
            id,
            committed(cutoff, 2_200_000, book),
            index,
            book.filledBids() - 1,
            java.util.Optional.empty(),
            java.util.Optional.empty());
    assertThat(broker.court().challengeOf(id).state())
        .isEqualTo(CourtClient.Challenge.State.ANSWERED);
    assertThat(broker.token().tokenBalance(ledger.brokerKey().address()).subtract(brokerBefore))
        .isEqualTo(broker.court().challengeDeposit());
  }

  @Test
  void anOrderThatOutranksTheLastFilledBidIsPassedOverUnlessItsMakerCancelled() {
    // above the filled bid's 2.4 tokens, yet left among the unfilled orders
    SignedOrder better = order(victim, Side.BID, 2_000, 3_000_000);
    long cutoff = ledger.admin().chainTime() * 1000 + 2;
    AuctionBook book = settle(cutoff, 4, better, 2_200_000);
    Bytes32 id = challengeAsVictim(better, cutoff);
    ContractRevertedException passedOver =
        catchThrowableOfType(
            ContractRevertedException.class,
            () -> answerWithLeaf(id, cutoff, book, better, Optional.empty()));
    assertThat(passedOver.error())
        .isEqualTo(new ContractError.CourtOrderPassedOver(id, BigInteger.ZERO));
    // the maker's cancel, signed at the broker in Java, is what the court accepts as its reason
    Signature cancel = messages.signCancel(victim, better.order().nonce());
    answerWithLeaf(id, cutoff, book, better, Optional.of(cancel));
    assertThat(broker.court().challengeOf(id).state())
        .isEqualTo(CourtClient.Challenge.State.ANSWERED);
  }

  @Test
  void anOrderWhoseWholeFillWasStillSettlingIsExcusedByTheBrokersReceiptForIt() {
    SignedOrder better = order(victim, Side.BID, 2_000, 3_000_000);
    long cutoff = ledger.admin().chainTime() * 1000 + 6;
    AuctionBook book = settle(cutoff, 6, better, 2_200_000);
    Bytes32 id = challengeAsVictim(better, cutoff);
    // matched whole in an earlier auction, due 30 s after this one's cut-off
    var matched =
        new OffChainMessages.FillReceipt(
            hash(better), 2_000, 2_000, 2_300_000, 41, cutoff / 1000 + 30);
    var committed = committed(cutoff, 2_200_000, book);
    int index = book.indexOf(hash(better)).orElseThrow();
    java.util.function.Function<SigningKey, TxResult> citeSignedBy =
        key ->
            broker
                .court()
                .answerOmission(
                    id,
                    committed,
                    index,
                    book.filledBids() - 1,
                    Optional.empty(),
                    Optional.of(
                        new CourtClient.SignedFill(matched, messages.signReceipt(key, matched))));
    ContractRevertedException notTheBrokers =
        catchThrowableOfType(ContractRevertedException.class, () -> citeSignedBy.apply(victim));
    assertThat(notTheBrokers.error()).isEqualTo(new ContractError.CourtFillNoExcuse(id));
    TxResult answer = citeSignedBy.apply(ledger.brokerKey());
    assertThat(broker.court().challengeOf(id).state())
        .isEqualTo(CourtClient.Challenge.State.ANSWERED);
    assertThat(answer.events("FillCited")).hasSize(1);
  }

  @Test
  void aRefusalNotedAtTheCourtExcusesLeavingTheOrderOut() {
    // 2,000 SRU at 3 tokens: 6,000 tokens, more than the victim's 5,000 of escrow
    SignedOrder unfunded = order(victim, Side.BID, 2_000_000, 3_000_000);
    SignedOrder funded = order(victim, Side.BID, 1_000, 3_000_000);
    ContractRevertedException refused =
        catchThrowableOfType(
            ContractRevertedException.class,
            () -> broker.court().noteRefusal(List.of(funded.order())));
    assertThat(refused.error()).isInstanceOf(ContractError.CourtOrderFunded.class);
    broker.court().noteRefusal(List.of(unfunded.order()));
    long noted = broker.court().refusedAt(hash(unfunded));
    assertThat(noted).isPositive();

    long cutoff = ledger.admin().chainTime() * 1000 + 3;
    assertThat(noted * 1000).isLessThanOrEqualTo(cutoff);
    AuctionBook book = settle(cutoff, 5, unfunded, 2_200_000);
    Bytes32 id = challengeAsVictim(unfunded, cutoff);
    answerWithLeaf(id, cutoff, book, unfunded, Optional.empty());
    assertThat(broker.court().challengeOf(id).state())
        .isEqualTo(CourtClient.Challenge.State.ANSWERED);
  }

  @Test
  void theOmittedOrderIsUpheldOnceTheAnswerIsOverdue(DevChain chain) {
    SignedOrder omitted = order(victim, Side.BID, 2_000, 3_000_000);
    long cutoff = ledger.admin().chainTime() * 1000 + 1;
    AuctionBook book = settle(cutoff, 2, null, 2_200_000);
    var receipt = intake(omitted, cutoff);
    Signature sig = messages.signIntake(ledger.brokerKey(), receipt);
    Bytes32 id = CourtClient.challengeId(hash(omitted), cutoff, ledger.brokerKey().address());
    try (LedgerClient challenger = ledger.client(victim)) {
      // a receipt for an order taken after the cut-off is no claim on this auction
      var late = intake(omitted, cutoff + 1);
      ContractRevertedException refused =
          catchThrowableOfType(
              ContractRevertedException.class,
              () ->
                  challenger
                      .court()
                      .challengeOmission(
                          omitted.order(),
                          late,
                          messages.signIntake(ledger.brokerKey(), late),
                          cutoff));
      assertThat(refused.error())
          .isEqualTo(new ContractError.CourtAcceptedAfterCutoff(cutoff + 1, cutoff));

      challenger.court().challengeOmission(omitted.order(), receipt, sig, cutoff);
      // the broker has no leaf for it: a book of its making with one is not the committed book
      List<AuctionBook.Leaf> made = new java.util.ArrayList<>(book.leaves());
      made.add(new AuctionBook.Leaf(hash(omitted), 3_000_000, nonce, 2_000, 0));
      AuctionBook madeUp = AuctionBook.of(made, 1, 1, 1);
      ContractRevertedException noLeaf =
          catchThrowableOfType(
              ContractRevertedException.class,
              () ->
                  broker
                      .court()
                      .answerOmission(
                          id,
                          committed(cutoff, 2_200_000, madeUp),
                          made.size() - 1,
                          0,
                          java.util.Optional.empty(),
                          java.util.Optional.empty()));
      assertThat(noLeaf.error()).isInstanceOf(ContractError.CourtAuctionMismatch.class);

      chain.advanceTime(Duration.ofSeconds(ledger.admin().court().terms().challengeWindow() + 1));
      BigInteger before = broker.token().tokenBalance(victim.address());
      challenger.court().convictOmission(id);
      // 2 SRU at the maker's limit of 3 tokens, at 100 %: 6 tokens, plus the deposit back
      BigInteger owed = BigInteger.valueOf(6_000_000);
      assertThat(broker.token().tokenBalance(victim.address()).subtract(before))
          .isEqualTo(owed.add(broker.court().challengeDeposit()));
      var c = broker.court().challengeOf(id);
      assertThat(c.state()).isEqualTo(CourtClient.Challenge.State.UPHELD);
      assertThat(c.owed()).isEqualTo(owed);
      assertThat(c.paid()).isEqualTo(owed);
    } finally {
      ledger.admin().bondFromTreasury(ledger.brokerKey().address());
    }
  }
}

package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
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

  /** Settles a pair at 2.2 tokens with a book of the pair and, when given, {@code alsoInBook}. */
  private AuctionBook settle(long cutoff, long batchId, SignedOrder alsoInBook) {
    SignedOrder ask = order(seller, Side.ASK, 1_000, 2_000_000);
    SignedOrder bid = order(buyer, Side.BID, 1_000, 2_400_000);
    var leaves =
        new java.util.ArrayList<>(
            List.of(
                new AuctionBook.Leaf(hash(ask), 1_000, 1_000),
                new AuctionBook.Leaf(hash(bid), 1_000, 1_000)));
    if (alsoInBook != null) {
      leaves.add(new AuctionBook.Leaf(hash(alsoInBook), alsoInBook.order().quantity(), 0));
    }
    AuctionBook book = AuctionBook.of(leaves);
    broker
        .exchange()
        .settleBatch(
            batchId,
            List.of(
                new Clearing(
                    market,
                    2_200_000,
                    cutoff,
                    book.root(),
                    List.of(new Fill(ask, 1_000), new Fill(bid, 1_000)))));
    return book;
  }

  private OffChainMessages.IntakeReceipt intake(SignedOrder o, long acceptedAt) {
    return new OffChainMessages.IntakeReceipt(hash(o), market, acceptedAt, nonce);
  }

  @Test
  void anOrderInTheBookIsShownWithItsProofAndTheDepositPaysTheBroker() {
    SignedOrder resting = order(victim, Side.BID, 2_000, 1_000_000);
    long cutoff = ledger.admin().chainTime() * 1000;
    AuctionBook book = settle(cutoff, 1, resting);
    var commitment =
        broker
            .exchange()
            .bookCommitment(market, cutoff, ledger.brokerKey().address())
            .orElseThrow();
    assertThat(commitment.matches(book.root(), 2_200_000)).isTrue();
    assertThat(commitment.matches(book.root(), 2_200_001)).isFalse();

    var receipt = intake(resting, cutoff - 5);
    Signature sig = messages.signIntake(ledger.brokerKey(), receipt);
    BigInteger brokerBefore = broker.token().tokenBalance(ledger.brokerKey().address());
    try (LedgerClient challenger = ledger.client(victim)) {
      challenger.court().challengeOmission(resting.order(), receipt, sig, cutoff);
    }
    Bytes32 id = CourtClient.challengeId(hash(resting), cutoff, ledger.brokerKey().address());
    assertThat(broker.court().challengeOf(id).state()).isEqualTo(CourtClient.Challenge.State.OPEN);

    AuctionBook.Leaf leaf = book.leaf(hash(resting)).orElseThrow();
    broker
        .court()
        .answerOmission(id, book.root(), 2_200_000, leaf, book.proof(hash(resting)).orElseThrow());
    assertThat(broker.court().challengeOf(id).state())
        .isEqualTo(CourtClient.Challenge.State.ANSWERED);
    assertThat(broker.token().tokenBalance(ledger.brokerKey().address()).subtract(brokerBefore))
        .isEqualTo(broker.court().challengeDeposit());
  }

  @Test
  void theOmittedOrderIsUpheldOnceTheAnswerIsOverdue(DevChain chain) {
    SignedOrder omitted = order(victim, Side.BID, 2_000, 3_000_000);
    long cutoff = ledger.admin().chainTime() * 1000 + 1;
    AuctionBook book = settle(cutoff, 2, null);
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
      // the broker has no leaf for it
      var made = new AuctionBook.Leaf(hash(omitted), 2_000, 0);
      ContractRevertedException noLeaf =
          catchThrowableOfType(
              ContractRevertedException.class,
              () ->
                  broker
                      .court()
                      .answerOmission(
                          id,
                          book.root(),
                          2_200_000,
                          made,
                          book.proof(book.leaves().get(0).orderHash()).orElseThrow()));
      assertThat(noLeaf.error()).isEqualTo(new ContractError.CourtLeafNotInBook(id));

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

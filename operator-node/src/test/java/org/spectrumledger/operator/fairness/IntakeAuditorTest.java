package org.spectrumledger.operator.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.api.IntakeReceipt;
import org.spectrumledger.broker.api.OrderAccepted;
import org.spectrumledger.broker.api.OrderStatus;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OffChainMessages;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The operator's checks of a broker's intake receipt, each tried as a broker that hands out one it
 * could not be held to would: none at all, another key's signature, another order, another market.
 * None is kept; a good one is kept once, beside the fill receipts, and survives a restart; a file
 * written before intake receipts were kept still opens.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeAuditorTest {

  private DevLedger ledger;
  private OffChainMessages messages;
  private Order order;
  private Bytes32 orderHash;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
    messages = new OffChainMessages(ledger.deployment().domain());
    SigningKey maker =
        ledger.newOperator(
            "Intake buyer", OperatorKind.MICRO_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    long now = ledger.admin().chainTime();
    MarketKey market = new MarketKey(4, 7, now + 3_600, now + 7_200);
    order = new Order(maker.address(), Side.BID, market, 3_000, 2_500_000, 5, now + 3_600, true);
    orderHash = ledger.admin().exchange().onChainDigest(order);
  }

  @AfterAll
  void close() {
    ledger.close();
  }

  private Address broker() {
    return ledger.brokerKey().address();
  }

  private OrderAccepted answer(SigningKey signer, Bytes32 hash, MarketKey market) {
    return answer(signer, hash, market, System.currentTimeMillis());
  }

  private OrderAccepted answer(SigningKey signer, Bytes32 hash, MarketKey market, long at) {
    var m = new OffChainMessages.IntakeReceipt(hash, market, at, 42);
    IntakeReceipt r =
        new IntakeReceipt(hash, market, at, 42, messages.signIntake(signer, m).toHex());
    return new OrderAccepted(orderHash, OrderStatus.OPEN, order.market(), null, r);
  }

  @Test
  void aMissingOrForeignReceiptIsReportedAndNotKept() {
    IntakeAuditor a = new IntakeAuditor(ledger.admin(), ReceiptBook.inMemory());
    assertThat(
            a.take(
                order,
                new OrderAccepted(orderHash, OrderStatus.OPEN, order.market(), null),
                broker()))
        .singleElement()
        .asString()
        .contains("without the broker's intake receipt");
    assertThat(a.take(order, answer(ledger.sensorKey(), orderHash, order.market()), broker()))
        .singleElement()
        .asString()
        .contains("is signed by " + ledger.sensorKey().address());
    Bytes32 other = Bytes32.of("0x" + "ab".repeat(32));
    assertThat(a.take(order, answer(ledger.brokerKey(), other, order.market()), broker()))
        .singleElement()
        .asString()
        .contains("it names order " + other);
    MarketKey elsewhere = new MarketKey(4, 8, order.market().slotStart(), order.market().slotEnd());
    assertThat(a.take(order, answer(ledger.brokerKey(), orderHash, elsewhere), broker()))
        .singleElement()
        .asString()
        .contains("it names market " + elsewhere);
    // an intake dated in the future: every auction cut off before it could leave the order out
    long later = System.currentTimeMillis() + 3_600_000;
    assertThat(
            a.take(order, answer(ledger.brokerKey(), orderHash, order.market(), later), broker()))
        .singleElement()
        .asString()
        .contains("it would keep the order out of every auction cut off before then");
    // a key that holds no broker role: the court would not hold it to anything
    assertThat(
            a.take(
                order,
                answer(ledger.sensorKey(), orderHash, order.market()),
                ledger.sensorKey().address()))
        .singleElement()
        .asString()
        .contains("holds no broker role");
    assertThat(a.findings().receipts()).isZero();
  }

  /**
   * With the node away as the order is placed, the receipt is checked offline and kept; the role
   * its signer needs is checked by the audit, which will not judge auctions against a receipt from
   * a key that holds none.
   */
  @Test
  void aReceiptKeptWithoutTheNodeHasItsSignerRoleCheckedByTheAudit() {
    ReceiptBook book = ReceiptBook.inMemory();
    var domain = ledger.deployment().domain();
    // what the offline check still refuses: another key's signature, a receipt dated ahead
    assertThat(
            IntakeAuditor.takeWithoutNode(
                domain,
                book,
                order,
                answer(ledger.sensorKey(), orderHash, order.market()),
                broker()))
        .singleElement()
        .asString()
        .contains("is signed by " + ledger.sensorKey().address());
    long later = System.currentTimeMillis() + 3_600_000;
    assertThat(
            IntakeAuditor.takeWithoutNode(
                domain,
                book,
                order,
                answer(ledger.brokerKey(), orderHash, order.market(), later),
                broker()))
        .singleElement()
        .asString()
        .contains("it would keep the order out of every auction cut off before then");
    assertThat(book.intakes()).isEmpty();

    // a key with no broker role signed it: kept offline, not audited once the node answers
    OrderAccepted bySensor = answer(ledger.sensorKey(), orderHash, order.market());
    assertThat(
            IntakeAuditor.takeWithoutNode(
                domain, book, order, bySensor, ledger.sensorKey().address()))
        .isEmpty();
    assertThat(book.intakes()).hasSize(1);
    IntakeAuditor.Findings f = new IntakeAuditor(ledger.admin(), book).audit(true);
    assertThat(f.problems())
        .singleElement()
        .asString()
        .contains("not audited")
        .contains(ledger.sensorKey().address() + " holds no broker role");
  }

  @Test
  void aGoodReceiptIsKeptOnceBesideTheFillReceiptsAndOutlivesTheProcess(@TempDir Path dir) {
    Path file = dir.resolve("receipts.json");
    OrderAccepted good = answer(ledger.brokerKey(), orderHash, order.market());
    try (ReceiptBook book = ReceiptBook.open(file)) {
      IntakeAuditor a = new IntakeAuditor(ledger.admin(), book);
      assertThat(a.take(order, good, broker())).isEmpty();
      assertThat(a.take(order, good, broker())).isEmpty();
      assertThat(book.intakes()).hasSize(1);
      // no auction of the market committed yet: nothing to judge
      IntakeAuditor.Findings f = a.audit(true);
      assertThat(f.problems()).isEmpty();
      assertThat(f.auctionsAudited()).isZero();
    }
    try (ReceiptBook again = ReceiptBook.open(file)) {
      List<KeptIntake> kept = again.intakes();
      assertThat(kept)
          .singleElement()
          .satisfies(
              k -> {
                assertThat(k.order()).isEqualTo(order);
                assertThat(k.receipt()).isEqualTo(good.intakeReceipt());
                assertThat(k.closed()).isFalse();
              });
    }
  }

  @Test
  void aReceiptFileWrittenBeforeIntakeReceiptsStillOpens(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("receipts.json");
    Files.writeString(file, "[]");
    try (ReceiptBook book = ReceiptBook.open(file)) {
      assertThat(book.all()).isEmpty();
      assertThat(book.intakes()).isEmpty();
    }
  }
}

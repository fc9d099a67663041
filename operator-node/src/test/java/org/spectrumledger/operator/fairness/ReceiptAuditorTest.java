package org.spectrumledger.operator.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.spectrumledger.broker.api.FillReceipt;
import org.spectrumledger.broker.api.FillState;
import org.spectrumledger.broker.api.FillView;
import org.spectrumledger.broker.api.OrderStatus;
import org.spectrumledger.broker.api.OrderView;
import org.spectrumledger.broker.api.Timescale;
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
 * The operator's checks of a broker's fill receipt, each tried as a broker that hands out a receipt
 * it could not be held to would: another key's signature, another order, another quantity, a
 * promise larger than the order. None is kept; a good one is kept once, and survives a restart.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiptAuditorTest {

  private DevLedger ledger;
  private OffChainMessages messages;
  private Order order;
  private Bytes32 orderHash;
  private long settleBy;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
    messages = new OffChainMessages(ledger.deployment().domain());
    SigningKey maker =
        ledger.newOperator(
            "Audit buyer", OperatorKind.MICRO_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    long now = ledger.admin().chainTime();
    MarketKey market = new MarketKey(4, 7, now + 60, now + 90);
    order = new Order(maker.address(), Side.BID, market, 3_000, 2_500_000, 5, now + 60, true);
    orderHash = ledger.admin().exchange().onChainDigest(order);
    settleBy = now + 30;
  }

  @AfterAll
  void close() {
    ledger.close();
  }

  private FillReceipt receipt(SigningKey signer, Bytes32 hash, long q, long after, long clearing) {
    return receipt(signer, hash, q, after, clearing, settleBy);
  }

  private FillReceipt receipt(
      SigningKey signer, Bytes32 hash, long q, long after, long clearing, long deadline) {
    var m = new OffChainMessages.FillReceipt(hash, q, after, 2_400_000, clearing, deadline);
    return new FillReceipt(
        hash, q, after, 2_400_000, clearing, deadline, messages.signReceipt(signer, m).toHex());
  }

  private OrderView view(long fillQuantity, FillReceipt r) {
    FillView fill =
        new FillView(
            1,
            r.clearingId(),
            orderHash,
            order.maker(),
            Side.BID,
            order.market(),
            fillQuantity,
            2_400_000,
            FillState.MATCHED,
            null,
            null,
            r);
    return new OrderView(
        orderHash,
        order.maker(),
        order.nonce(),
        order.side(),
        order.market(),
        Timescale.NEAR_RT,
        order.quantity(),
        order.limitPrice(),
        order.validUntil(),
        order.partialFill(),
        OrderStatus.OPEN,
        fillQuantity,
        0,
        null,
        List.of(fill));
  }

  private Address broker() {
    return ledger.brokerKey().address();
  }

  @Test
  void aReceiptSignedByAnotherKeyIsNotKept() {
    ReceiptAuditor a = new ReceiptAuditor(ledger.admin(), ReceiptBook.inMemory());
    FillReceipt forged = receipt(ledger.sensorKey(), orderHash, 1_000, 1_000, 1);
    assertThat(a.take(view(1_000, forged), broker()))
        .singleElement()
        .asString()
        .contains("is signed by " + ledger.sensorKey().address().checksummed())
        .contains("not the broker");
    assertThat(a.book().all()).isEmpty();
  }

  @Test
  void aReceiptForAnotherOrderOrAnotherFillIsNotKept() {
    ReceiptAuditor a = new ReceiptAuditor(ledger.admin(), ReceiptBook.inMemory());
    Bytes32 other = Bytes32.of(String.format("0x%064x", 42));
    assertThat(a.take(view(1_000, receipt(ledger.brokerKey(), other, 1_000, 1_000, 1)), broker()))
        .singleElement()
        .asString()
        .contains("names another order");
    assertThat(
            a.take(view(1_500, receipt(ledger.brokerKey(), orderHash, 1_000, 1_000, 2)), broker()))
        .singleElement()
        .asString()
        .contains("but the fill is 1500");
    assertThat(
            a.take(view(1_000, receipt(ledger.brokerKey(), orderHash, 1_000, 9_000, 3)), broker()))
        .singleElement()
        .asString()
        .contains("promises 9000 milli-SRU filled; the order's fills so far make 1000 of 3000");
    assertThat(a.book().all()).isEmpty();
  }

  @Test
  void aReceiptTheCourtWouldNotHoldTheBrokerToIsNotKept() {
    ReceiptAuditor a = new ReceiptAuditor(ledger.admin(), ReceiptBook.inMemory());
    // a deadline after the order expires
    assertThat(
            a.take(
                view(
                    1_000,
                    receipt(ledger.brokerKey(), orderHash, 1_000, 1_000, 5, settleBy + 3_600)),
                broker()))
        .singleElement()
        .asString()
        .contains("after the order can settle");
    // a promise that does not count the fill itself
    assertThat(a.take(view(1_000, receipt(ledger.brokerKey(), orderHash, 1_000, 500, 6)), broker()))
        .singleElement()
        .asString()
        .contains("the order's fills so far make 1000");
    // a negative price the broker signed (it would crash the claim later)
    var m = new OffChainMessages.FillReceipt(orderHash, 1_000, 1_000, -5, 7, settleBy);
    FillReceipt negative =
        new FillReceipt(
            orderHash,
            1_000,
            1_000,
            -5,
            7,
            settleBy,
            messages.signReceipt(ledger.brokerKey(), m).toHex());
    assertThat(a.take(view(1_000, negative), broker()))
        .singleElement()
        .asString()
        .contains("not positive");
    // a key the broker names as its own, without the broker role on chain
    assertThat(
            a.take(
                view(1_000, receipt(ledger.sensorKey(), orderHash, 1_000, 1_000, 8)),
                ledger.sensorKey().address()))
        .singleElement()
        .asString()
        .contains("holds no broker role on chain");
    assertThat(a.book().all()).isEmpty();
  }

  @Test
  void aBookAnotherProcessHoldsIsRefusedAsHeldByAnotherProcess(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("receipts.json");
    // another JVM takes the book's lock, as a daemon running on this home does
    Path locker = dir.resolve("Locker.java");
    Files.writeString(
        locker,
        """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Locker {
          public static void main(String[] a) throws Exception {
            try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var lock = c.lock()) {
              System.out.println("locked");
              System.out.flush();
              System.in.read();
            }
          }
        }
        """);
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                locker.toString(),
                dir.resolve("receipts.json.lock").toString())
            .redirectErrorStream(true)
            .start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
      assertThat(out.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> ReceiptBook.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("held by another process");
    } finally {
      other.getOutputStream().close();
      other.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      other.destroyForcibly();
    }
    try (ReceiptBook book = ReceiptBook.open(file)) {
      assertThat(book.all()).isEmpty();
    }
  }

  @Test
  void aGoodReceiptIsKeptOnceAndOutlivesTheProcess(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("receipts.json");
    OrderView v = view(1_000, receipt(ledger.brokerKey(), orderHash, 1_000, 1_000, 4));
    try (ReceiptBook book = ReceiptBook.open(file)) {
      ReceiptAuditor a = new ReceiptAuditor(ledger.admin(), book);
      assertThat(a.take(v, broker())).isEmpty();
      assertThat(a.take(v, broker())).isEmpty();
      assertThat(a.book().all()).hasSize(1);
      assertThat(a.findings().pending()).isEqualTo(1);
      // a second book on the file in this process (a run and an audit in one JVM) is refused,
      // and the message does not send the user looking for another process
      assertThatThrownBy(() -> ReceiptBook.open(file))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("open already in this process")
          .hasMessageNotContaining("another process");
    }

    List<KeptReceipt> reread;
    try (ReceiptBook again = ReceiptBook.open(file)) {
      reread = again.all();
    }
    assertThat(reread).hasSize(1);
    assertThat(reread.get(0).order()).isEqualTo(order);
    assertThat(reread.get(0).receipt()).isEqualTo(v.fills().get(0).receipt());
    assertThat(reread.get(0).status()).isEqualTo(KeptReceipt.Status.PENDING);
  }

  @Test
  void aMalformedReceiptFileIsAClearErrorNotAnEmptyBook(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("receipts.json");
    Files.writeString(file, "{\"not\": \"a list\"}");
    assertThatThrownBy(() -> ReceiptBook.open(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a list of kept receipts");
  }
}

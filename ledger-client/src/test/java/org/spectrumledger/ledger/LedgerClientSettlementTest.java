package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerClientSettlementTest {

  private static final long BAND = 4;
  private static final long CELL = CellId.of(CellId.Layer.GROUND, 9).value();
  private DevLedger ledger;
  private LedgerClient broker;
  private SigningKey seller;
  private SigningKey buyer;
  private MarketKey market;
  private long nonce;

  @BeforeAll
  void setUp(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.registerBand(BAND, 2_110_000, 2_120_000, false, 0);
    seller =
        ledger.newOperator(
            "Seller MNO", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    buyer =
        ledger.newOperator(
            "Buyer micro",
            OperatorKind.MICRO_OPERATOR,
            BigInteger.valueOf(10_000_000_000L),
            BigInteger.valueOf(10_000_000_000L));
    long now = admin.chainTime();
    admin.grantLicence(seller.address(), BAND, CELL, 1_000_000, now, now + 86_400);
    market = new MarketKey(BAND, CELL, now + 3_600, now + 7_200);
    broker = ledger.client(ledger.brokerKey());
  }

  @AfterAll
  void close() {
    broker.close();
    ledger.close();
  }

  private SignedOrder order(SigningKey maker, Side side, long quantity, long limit) {
    Order o =
        new Order(
            maker.address(), side, market, quantity, limit, nonce++, market.slotStart(), true);
    return broker.orderSigner().sign(o, maker);
  }

  @Test
  void settlesABatchAndReadsLeasesHoldingsEventsAndTheDecodedTransactionBack() {
    SignedOrder ask = order(seller, Side.ASK, 3_000, 2_000_000);
    SignedOrder bid = order(buyer, Side.BID, 3_000, 2_400_000);
    long batchId = 100;
    TxResult r =
        broker.settleBatch(
            batchId,
            List.of(
                new Clearing(
                    market, 2_200_000, List.of(new Fill(ask, 3_000), new Fill(bid, 3_000)))));

    assertThat(broker.isBatchSettled(batchId)).isTrue();
    assertThat(broker.leaseBalance(buyer.address(), market)).isGreaterThanOrEqualTo(3_000);
    assertThat(broker.leases(buyer.address(), market.slotStart(), 0, 10).items())
        .anySatisfy(l -> assertThat(l.market()).isEqualTo(market));
    assertThat(broker.leases(buyer.address(), market.slotEnd(), 0, 10).items()).isEmpty();
    assertThat(r.events("TradeSettled")).hasSize(2);
    LedgerEvent trade = r.events("TradeSettled").get(0);
    assertThat(trade.market()).isEqualTo(market);
    assertThat(trade.bytes32("orderHash"))
        .isEqualTo(broker.orderSigner().hasher().orderHash(ask.order()));
    assertThat(r.events("BatchSettled").get(0).longValue("batchId")).isEqualTo(batchId);

    TransactionView view = broker.decodeTransaction(r.txHash());
    assertThat(view.function()).isEqualTo("settleBatch");
    assertThat(view.contract()).isEqualTo("SpectrumExchange");
    assertThat(view.success()).isTrue();
    TransactionView.Settlement s = view.settlement().orElseThrow();
    assertThat(s.batchId()).isEqualTo(batchId);
    assertThat(s.clearings())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.market()).isEqualTo(market);
              assertThat(c.price()).isEqualTo(2_200_000);
              assertThat(c.fills())
                  .extracting(TransactionView.FillView::maker)
                  .containsExactly(seller.address(), buyer.address());
              assertThat(c.fills().get(0).orderHash()).isEqualTo(trade.bytes32("orderHash"));
            });
    assertThat(view.events())
        .extracting(LedgerEvent::name)
        .contains("TradeSettled", "LeaseGranted", "MarketCleared", "BatchSettled");
  }

  @Test
  void aBatchThatRevertsOnChainCarriesItsErrorNameArgumentsAndTxHash() {
    SignedOrder ask = order(seller, Side.ASK, 1_000, 2_500_000);
    SignedOrder bid = order(buyer, Side.BID, 1_000, 2_600_000);
    List<Clearing> batch =
        List.of(
            new Clearing(market, 2_400_000, List.of(new Fill(ask, 1_000), new Fill(bid, 1_000))));
    BigInteger escrow = broker.escrowOf(buyer.address());

    assertThat(broker.simulateSettleBatch(200, batch))
        .hasValueSatisfying(e -> assertThat(e.errorName()).isEqualTo("ExchangeAskAbovePrice"));
    assertThatThrownBy(() -> broker.settleBatch(200, batch))
        .isInstanceOfSatisfying(
            ContractRevertedException.class, e -> assertThat(e.txHash()).isEmpty());

    assertThatThrownBy(() -> broker.settleBatchUnchecked(200, batch, 2_000_000))
        .isInstanceOfSatisfying(
            ContractRevertedException.class,
            e -> {
              assertThat(e.errorName()).isEqualTo("ExchangeAskAbovePrice");
              assertThat(e.argument("limitPrice")).contains("2500000");
              assertThat(e.argument("price")).contains("2400000");
              assertThat(e.txHash()).isPresent();
              TransactionView view = broker.decodeTransaction(e.txHash().orElseThrow());
              assertThat(view.success()).isFalse();
            });
    assertThat(broker.isBatchSettled(200)).isFalse();
    assertThat(broker.escrowOf(buyer.address())).isEqualTo(escrow);
  }

  @Test
  void manyBatchesInFlightFromOneKeyAllLand() {
    List<CompletableFuture<TxResult>> inFlight = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      SignedOrder ask = order(seller, Side.ASK, 500, 2_000_000);
      SignedOrder bid = order(buyer, Side.BID, 500, 2_000_000);
      inFlight.add(
          broker.settleBatchAsync(
              1_000 + i,
              List.of(
                  new Clearing(market, 2_000_000, List.of(new Fill(ask, 500), new Fill(bid, 500)))),
              1_500_000));
    }
    List<TxResult> results = inFlight.stream().map(CompletableFuture::join).toList();
    assertThat(results).extracting(TxResult::txHash).doesNotHaveDuplicates();
    for (int i = 0; i < 12; i++) {
      assertThat(broker.isBatchSettled(1_000 + i)).isTrue();
    }
  }

  @Test
  void unknownTransactionHashIsAClearError() {
    Bytes32 unknown = Bytes32.of("0x" + "ab".repeat(32));
    assertThatThrownBy(() -> broker.decodeTransaction(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no transaction");
  }
}

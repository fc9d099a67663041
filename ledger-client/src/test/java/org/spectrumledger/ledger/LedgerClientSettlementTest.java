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
    admin.policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, 3_600);
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
    admin.policy().grantLicence(seller.address(), BAND, CELL, 1_000_000, now, now + 86_400);
    long slotStart = (now / 3_600 + 1) * 3_600;
    market = new MarketKey(BAND, CELL, slotStart, slotStart + 3_600);
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
    return broker.exchange().orderSigner().sign(o, maker);
  }

  @Test
  void settlesABatchAndReadsLeasesHoldingsEventsAndTheDecodedTransactionBack() {
    SignedOrder ask = order(seller, Side.ASK, 3_000, 2_000_000);
    SignedOrder bid = order(buyer, Side.BID, 3_000, 2_400_000);
    long batchId = 100;
    TxResult r =
        broker
            .exchange()
            .settleBatch(
                batchId,
                List.of(
                    new Clearing(
                        market, 2_200_000, List.of(new Fill(ask, 3_000), new Fill(bid, 3_000)))));

    assertThat(broker.exchange().isBatchSettled(batchId)).isTrue();
    assertThat(broker.exchange().leaseBalance(buyer.address(), market))
        .isGreaterThanOrEqualTo(3_000);
    assertThat(broker.exchange().leases(buyer.address(), market.slotStart(), 0, 10).items())
        .anySatisfy(l -> assertThat(l.market()).isEqualTo(market));
    assertThat(broker.exchange().leases(buyer.address(), market.slotEnd(), 0, 10).items())
        .noneSatisfy(l -> assertThat(l.market()).isEqualTo(market));
    assertThat(r.events("TradeSettled")).hasSize(2);
    LedgerEvent trade = r.events("TradeSettled").get(0);
    assertThat(trade.market()).isEqualTo(market);
    assertThat(trade.bytes32("orderHash"))
        .isEqualTo(broker.exchange().orderSigner().hasher().orderHash(ask.order()));
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
        .contains("TradeSettled", "TransferSingle", "MarketCleared", "BatchSettled");
  }

  @Test
  void aMarketThatCannotSettleIsFoundBeforeSendingAndSkippedOnChainWithItsError() {
    MarketKey later = new MarketKey(BAND, CELL, market.slotEnd(), market.slotEnd() + 3_600);
    SignedOrder ask = order(seller, Side.ASK, 1_000, 2_500_000);
    SignedOrder bid = order(buyer, Side.BID, 1_000, 2_600_000);
    Clearing refused =
        new Clearing(market, 2_400_000, List.of(new Fill(ask, 1_000), new Fill(bid, 1_000)));
    Order laterAsk =
        new Order(
            seller.address(), Side.ASK, later, 1_000, 2_000_000, nonce++, market.slotStart(), true);
    Order laterBid =
        new Order(
            buyer.address(), Side.BID, later, 1_000, 2_000_000, nonce++, market.slotStart(), true);
    Clearing good =
        new Clearing(
            later,
            2_000_000,
            List.of(
                new Fill(broker.exchange().orderSigner().sign(laterAsk, seller), 1_000),
                new Fill(broker.exchange().orderSigner().sign(laterBid, buyer), 1_000)));
    List<Clearing> batch = List.of(refused, good);
    BigInteger escrow = broker.exchange().escrowOf(buyer.address());

    assertThat(broker.exchange().simulateSettleBatch(200, batch))
        .as("the batch as a whole settles")
        .isEmpty();
    assertThat(broker.exchange().marketsToSkip(200, batch))
        .containsOnlyKeys(0)
        .hasEntrySatisfying(
            0,
            e -> {
              assertThat(e.error())
                  .isInstanceOfSatisfying(
                      ContractError.ExchangeAskAbovePrice.class,
                      a -> {
                        assertThat(a.limitPrice()).isEqualTo(BigInteger.valueOf(2_500_000));
                        assertThat(a.price()).isEqualTo(BigInteger.valueOf(2_400_000));
                      });
            });

    TxResult r = broker.exchange().settleBatch(200, batch);
    assertThat(broker.exchange().skippedMarkets(r))
        .containsOnlyKeys(market)
        .hasEntrySatisfying(
            market,
            e -> {
              assertThat(e.errorName()).isEqualTo("ExchangeAskAbovePrice");
              assertThat(e.txHash()).contains(r.txHash());
            });
    assertThat(broker.exchange().isBatchSettled(200)).isTrue();
    assertThat(broker.exchange().leaseBalance(buyer.address(), later)).isEqualTo(1_000);
    assertThat(broker.exchange().escrowOf(buyer.address()))
        .as("paid for the market that settled only")
        .isEqualTo(escrow.subtract(Fees.buyerCost(2_000_000, 1_000, 0)));
  }

  @Test
  void aBatchThatRevertsOnChainCarriesItsErrorNameArgumentsAndTxHash() {
    SignedOrder ask = order(seller, Side.ASK, 1_000, 2_000_000);
    SignedOrder bid = order(buyer, Side.BID, 1_000, 2_600_000);
    Clearing once =
        new Clearing(market, 2_400_000, List.of(new Fill(ask, 1_000), new Fill(bid, 1_000)));
    List<Clearing> twice = List.of(once, once);

    assertThat(broker.exchange().simulateSettleBatch(300, twice))
        .hasValueSatisfying(
            e -> assertThat(e.errorName()).isEqualTo("ExchangeMarketsNotAscending"));
    assertThatThrownBy(() -> broker.exchange().settleBatchUnchecked(300, twice, 2_000_000))
        .isInstanceOfSatisfying(
            ContractRevertedException.class,
            e -> {
              assertThat(e.error())
                  .isInstanceOfSatisfying(
                      ContractError.ExchangeMarketsNotAscending.class,
                      a -> assertThat(a.marketId()).isEqualTo(market.id()));
              assertThat(e.txHash()).isPresent();
              TransactionView view = broker.decodeTransaction(e.txHash().orElseThrow());
              assertThat(view.success()).isFalse();
            });
    assertThat(broker.exchange().isBatchSettled(300)).isFalse();
  }

  @Test
  void manyBatchesInFlightFromOneKeyAllLand() {
    List<CompletableFuture<TxResult>> inFlight = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      SignedOrder ask = order(seller, Side.ASK, 500, 2_000_000);
      SignedOrder bid = order(buyer, Side.BID, 500, 2_000_000);
      inFlight.add(
          broker
              .exchange()
              .settleBatchAsync(
                  1_000 + i,
                  List.of(
                      new Clearing(
                          market, 2_000_000, List.of(new Fill(ask, 500), new Fill(bid, 500)))),
                  1_500_000));
    }
    List<TxResult> results = inFlight.stream().map(CompletableFuture::join).toList();
    assertThat(results).extracting(TxResult::txHash).doesNotHaveDuplicates();
    for (int i = 0; i < 12; i++) {
      assertThat(broker.exchange().isBatchSettled(1_000 + i)).isTrue();
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

package org.spectrumledger.broker.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BrokerStore;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.NewFill;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.AnvilChain;
import org.spectrumledger.ledger.devchain.DevChainOptions;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * Markets the exchange refuses do not stop the others, and their orders are matched again: a market
 * that would be skipped is taken out of the batch before it is sent, and one skipped on chain all
 * the same (the regulator's protection zone lands first in the very block) is read from the
 * receipt. Either way the other market settles and the refused market's orders go back to the book,
 * open, not lost.
 */
class SettlerSkipsMarketsTest {

  private static final long BAND = 4;
  private static final long CELL_A = CellId.of(CellId.Layer.GROUND, 21).value();
  private static final long CELL_B = CellId.of(CellId.Layer.GROUND, 22).value();

  @TempDir Path dir;
  private AnvilChain chain;
  private DevLedger ledger;
  private LedgerClient broker;
  private BrokerStore store;
  private SigningKey seller;
  private SigningKey buyer;
  private MarketKey marketA;
  private MarketKey marketB;
  private final List<ClearingRecord> dropped = new CopyOnWriteArrayList<>();
  private final List<ClearingRecord> settled = new CopyOnWriteArrayList<>();
  private Settler settler;
  private long seq;

  @BeforeEach
  void setUp() {
    // Interval mining: a transaction waits for the next block, as on Besu, so another one can
    // land before it in the same block.
    chain = AnvilChain.start(DevChainOptions.defaults().withBlockTime(1));
    ledger = DevLedger.deploy(chain, 600);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(BAND, 2_110_000, 2_120_000, false, 0, 3_600);
    seller =
        ledger.newOperator("North", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    buyer =
        ledger.newOperator(
            "Harbour",
            OperatorKind.MICRO_OPERATOR,
            BigInteger.valueOf(1_000_000_000),
            BigInteger.valueOf(1_000_000_000));
    long now = admin.chainTime();
    long start = (now / 3_600 + 2) * 3_600;
    marketA = new MarketKey(BAND, CELL_A, start, start + 3_600);
    marketB = new MarketKey(BAND, CELL_B, start, start + 3_600);
    for (MarketKey m : List.of(marketA, marketB)) {
      admin.policy().grantLicence(seller.address(), BAND, m.cell(), 24_000, now, now + 86_400);
    }
    broker = ledger.client(ledger.brokerKey());
    store = BrokerStore.open(BrokerStore.defaultUrl(dir), null, null);
    settler =
        new Settler(
            SettlementChain.of(broker),
            store,
            new Metrics(),
            new SettlementListener() {
              @Override
              public void settled(BatchRecord batch, List<ClearingRecord> clearings) {
                settled.addAll(clearings);
              }

              @Override
              public void dropped(
                  List<ClearingRecord> clearings, List<Bytes32> rejected, String reason) {
                dropped.addAll(clearings);
              }
            },
            256,
            1);
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (ledger != null) {
      ledger.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  /** A matched pair in {@code market}, recorded in the store as the epoch engine records it. */
  private List<Bytes32> matchPair(MarketKey market) {
    List<Bytes32> hashes = new ArrayList<>();
    List<NewFill> fills = new ArrayList<>();
    for (SigningKey maker : List.of(seller, buyer)) {
      Side side = maker == seller ? Side.ASK : Side.BID;
      Order o =
          new Order(
              maker.address(),
              side,
              market,
              2_000,
              side == Side.ASK ? 2_000_000 : 2_500_000,
              ++seq,
              market.slotStart(),
              true);
      SignedOrder signed = broker.exchange().orderSigner().sign(o, maker);
      Bytes32 hash = broker.exchange().orderSigner().hasher().orderHash(o);
      store.insertOrders(
          List.of(
              new OrderRecord(
                  hash, signed, seq, System.currentTimeMillis(), OrderState.OPEN, 0, 0, null)));
      fills.add(new NewFill(hash, maker.address(), side, 2_000, null));
      hashes.add(hash);
    }
    store.recordClearing(
        store.lastClearingId() + 1,
        market,
        2_200_000,
        seq,
        System.currentTimeMillis() + seq,
        org.spectrumledger.broker.TestBooks.of(fills),
        fills,
        System.currentTimeMillis());
    return hashes;
  }

  @Test
  void aMarketThatWouldBeSkippedIsTakenOutBeforeSendingAndItsOrdersReopen() {
    matchPair(marketA);
    List<Bytes32> refused = matchPair(marketB);
    ledger.admin().policy().addProtectionZone(BAND, CELL_B, marketB.slotStart(), marketB.slotEnd());

    settler.tick();
    settler.drain();

    assertThat(settled).extracting(ClearingRecord::market).containsExactly(marketA);
    assertThat(dropped).extracting(ClearingRecord::market).containsExactly(marketB);
    assertThat(broker.exchange().leaseBalance(buyer.address(), marketA)).isEqualTo(2_000);
    assertThat(broker.exchange().leaseBalance(buyer.address(), marketB)).isZero();
    assertReopened(refused);
    BatchRecord batch = store.batches(10).get(0);
    assertThat(store.clearingsOfBatch(batch.batchId()))
        .as("only the market that could settle was sent")
        .filteredOn(c -> c.status() != ClearingState.DROPPED)
        .extracting(ClearingRecord::market)
        .containsExactly(marketA);
    assertThat(broker.exchange().skippedMarkets(batch.batchId()))
        .as("nothing skipped on chain")
        .isEmpty();
  }

  @Test
  void aMarketSkippedOnChainIsReadFromTheReceiptAndItsOrdersReopen() throws Exception {
    matchPair(marketA);
    List<Bytes32> refused = matchPair(marketB);
    // The regulator's zone pays a priority fee, so the block takes it before the broker's
    // batch, which the broker simulated against the chain without the zone.
    try (LedgerClient regulator =
        LedgerClient.connect(
            ledger
                .config(ledger.adminKey())
                .withFees(
                    GasFees.eip1559(
                        BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(1_000_000_000L))))) {
      Thread zone =
          Thread.ofVirtual()
              .start(
                  () -> {
                    // wait until the broker's batch is in the node's pool, then send the zone
                    while (broker.pendingTransactionCount() == 0) {
                      Thread.onSpinWait();
                    }
                    regulator
                        .policy()
                        .addProtectionZone(BAND, CELL_B, marketB.slotStart(), marketB.slotEnd());
                  });
      settler.tick();
      zone.join(Duration.ofSeconds(30));
      settler.drain();
    }

    assertThat(settled).extracting(ClearingRecord::market).containsExactly(marketA);
    assertThat(dropped).extracting(ClearingRecord::market).containsExactly(marketB);
    BatchRecord batch = store.batches(10).get(0);
    assertThat(broker.exchange().skippedMarkets(batch.batchId()))
        .as("skipped on chain, not before sending")
        .containsOnlyKeys(marketB);
    assertThat(store.clearingsOfBatch(batch.batchId()))
        .filteredOn(c -> c.market().equals(marketB))
        .extracting(ClearingRecord::status)
        .containsExactly(ClearingState.DROPPED);
    assertThat(broker.exchange().leaseBalance(buyer.address(), marketA)).isEqualTo(2_000);
    assertReopened(refused);
  }

  private void assertReopened(List<Bytes32> orders) {
    for (Bytes32 h : orders) {
      OrderRecord r = store.order(h).orElseThrow();
      assertThat(r.status()).as("order %s back in the book", h).isEqualTo(OrderState.OPEN);
      assertThat(r.matched()).isZero();
      assertThat(r.settled()).isZero();
    }
  }
}

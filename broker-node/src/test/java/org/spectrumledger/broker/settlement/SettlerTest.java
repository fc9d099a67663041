package org.spectrumledger.broker.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.metrics.Metrics;
import org.spectrumledger.broker.store.BatchRecord;
import org.spectrumledger.broker.store.BatchState;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.OrderState;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.ContractError;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SignedOrder;

/**
 * The settler's rules against an exchange and a store in memory: every path a batch can take (sent
 * and settled, markets refused before sending or skipped on chain, the batch refused, the node
 * unreachable, the receipt lost, a restart halfway), each in milliseconds. What it must never do:
 * lose a matched order, settle a clearing twice, or reject an order nothing blamed.
 */
class SettlerTest {

  private static final Address SELLER = Address.of("0x00000000000000000000000000000000000000a1");
  private static final Address BUYER = Address.of("0x00000000000000000000000000000000000000b2");
  private static final Signature SIG =
      new Signature(Bytes32.of("0x" + "11".repeat(32)), Bytes32.of("0x" + "22".repeat(32)), 27);

  private final FakeSettlementChain chain = new FakeSettlementChain();
  private final InMemoryBrokerLog log = new InMemoryBrokerLog();
  private final List<ClearingRecord> settled = new ArrayList<>();
  private final List<ClearingRecord> dropped = new ArrayList<>();
  private final List<Bytes32> rejected = new ArrayList<>();
  private long nonce;

  /** Runs as each batch's receipt is recorded, before its clearings are counted settled. */
  private Runnable recording = () -> {};

  private Settler settler(int maxFills) {
    return settler(maxFills, 1);
  }

  private Settler settler(int maxFills, int inFlight) {
    return new Settler(
        chain,
        log,
        new Metrics(),
        new SettlementListener() {
          @Override
          public void settled(BatchRecord batch, List<ClearingRecord> clearings) {
            recording.run();
            settled.addAll(clearings);
          }

          @Override
          public void dropped(List<ClearingRecord> clearings, List<Bytes32> r, String reason) {
            dropped.addAll(clearings);
            rejected.addAll(r);
          }
        },
        maxFills,
        inFlight);
  }

  /** Makes recording a receipt wait until the returned latch is counted down. */
  private java.util.concurrent.CountDownLatch holdRecording() {
    java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
    recording =
        () -> {
          try {
            recorded.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    return recorded;
  }

  private static MarketKey market(long cell) {
    return new MarketKey(4, cell, 7_200, 10_800);
  }

  private Bytes32 order(Address maker, Side side, MarketKey market, long qty) {
    Order o = new Order(maker, side, market, qty, 2_000_000, ++nonce, market.slotStart(), true);
    Bytes32 hash = Bytes32.of(String.format("0x%064x", nonce));
    log.accept(hash, new SignedOrder(o, SIG));
    return hash;
  }

  /** A pair fully matched in {@code market}: the ask's and the bid's hashes. */
  private List<Bytes32> matched(MarketKey market) {
    Bytes32 ask = order(SELLER, Side.ASK, market, 1_000);
    Bytes32 bid = order(BUYER, Side.BID, market, 1_000);
    Map<Bytes32, Long> qty = new LinkedHashMap<>();
    qty.put(ask, 1_000L);
    qty.put(bid, 1_000L);
    log.match(market, 2_000_000, qty);
    return List.of(ask, bid);
  }

  /** A pair fully matched as a part of auction {@code epoch} of {@code market}. */
  private List<Bytes32> matchedPart(MarketKey market, long epoch) {
    Bytes32 ask = order(SELLER, Side.ASK, market, 1_000);
    Bytes32 bid = order(BUYER, Side.BID, market, 1_000);
    Map<Bytes32, Long> qty = new LinkedHashMap<>();
    qty.put(ask, 1_000L);
    qty.put(bid, 1_000L);
    log.match(market, 2_000_000, qty, epoch);
    return List.of(ask, bid);
  }

  @Test
  void aMinedBatchMakesRoomForTheNextBeforeItsReceiptIsRecorded() throws Exception {
    matched(market(1));
    matched(market(1));
    // recording a receipt (storing and publishing its fills) takes as long as we like
    java.util.concurrent.CountDownLatch recorded = holdRecording();
    Settler s = settler(256, 1);

    s.tick(); // one market's two clearings: one batch at a time, and one may be in flight

    long deadline = System.nanoTime() + 5_000_000_000L;
    int sent;
    do {
      Thread.sleep(5);
      synchronized (chain) {
        sent = chain.sent.size();
      }
    } while (sent < 2 && System.nanoTime() < deadline);
    assertThat(sent)
        .as("the second batch went out while the first one's fills were stored")
        .isEqualTo(2);
    assertThat(settled).as("nothing recorded yet").isEmpty();
    assertThat(s.inFlight()).as("both mined").isZero();

    recorded.countDown();
    s.drain();
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(2);
    assertThat(settled).hasSize(2);
  }

  @Test
  void followingTheBlocksKeepsThreeBlocksWorthOfBatchesInFlight() {
    chain.blockGasLimit = 200_000;
    Settler s = settler(4, Settler.FOLLOW_THE_BLOCKS);
    assertThat(s.inFlightTarget()).as("nothing mined yet").isEqualTo(Settler.LEAST_IN_FLIGHT);
    matched(market(1));
    s.tick();
    s.drain();
    // the fake's receipt: 40,000 gas for one clearing of 2 fills, so a full batch of 4 fills is
    // 80,000 gas, and three blocks of 200,000 hold 7.5 of them
    assertThat(s.inFlightTarget()).isEqualTo(8);

    chain.holdReceipts = true;
    for (long cell = 10; cell < 30; cell++) {
      matched(market(cell)); // 20 markets, two to a batch: 10 batches
    }
    s.tick();
    assertThat(chain.sent).as("the first batch, then 8 of the 10").hasSize(1 + 8);
    assertThat(s.inFlight()).isEqualTo(8);

    chain.holdReceipts = false;
    chain.mineHeld(); // the room they leave goes to the last two
    s.drain();
    assertThat(chain.sent).hasSize(1 + 10);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(21);
  }

  /** The batches a settler of 4-fill batches keeps in flight once one batch has settled. */
  private int inFlightTargetAfterOneBatch(int inFlight) {
    Settler s = settler(4, inFlight);
    matched(market(1));
    s.tick();
    s.drain();
    return s.inFlightTarget();
  }

  @Test
  void aConfiguredNumberInFlightIsKeptWhateverTheBlocksHold() {
    chain.blockGasLimit = 1_000_000_000L;
    assertThat(inFlightTargetAfterOneBatch(2)).isEqualTo(2);
  }

  @Test
  void followingTheBlocksKeepsTheLeastWhenTheNodeCannotSayItsBlockGasLimit() {
    chain.blockGasLimitFailure = new ArithmeticException("BigInteger out of long range");
    assertThat(inFlightTargetAfterOneBatch(Settler.FOLLOW_THE_BLOCKS))
        .isEqualTo(Settler.LEAST_IN_FLIGHT);
  }

  @Test
  void followingTheBlocksKeepsNoMoreThanTheMostHoweverLargeTheBlocks() {
    chain.blockGasLimit = Long.MAX_VALUE;
    assertThat(inFlightTargetAfterOneBatch(Settler.FOLLOW_THE_BLOCKS))
        .isEqualTo(Settler.MOST_IN_FLIGHT);
  }

  @Test
  void aBatchWithAMarketSkippedTeachesNoGasPerFill() {
    chain.blockGasLimit = 1_000_000;
    Settler s = settler(4, Settler.FOLLOW_THE_BLOCKS);
    MarketKey skipped = market(2);
    chain.skipOnChain.put(skipped, FakeSettlementChain.protectedMarket(skipped));
    matched(market(1));
    matched(skipped);
    s.tick();
    s.drain();
    // the probe's 43,000 a fill stands: a full batch of 4 is 172,000, three blocks hold 17.4.
    // The receipt's 80,000 gas would say 40,000 over the 2 fills that settled (19), or 20,000
    // over the 4 sent (38).
    assertThat(s.inFlightTarget()).isEqualTo(18);
  }

  @Test
  void aClosedSettlerSendsNothingMoreAndDrainsWhatIsInFlight() {
    chain.holdReceipts = true;
    Settler s = settler(2, 1);
    matched(market(1));
    matched(market(2));
    s.tick();
    assertThat(chain.sent).hasSize(1);

    s.close();
    chain.holdReceipts = false;
    chain.mineHeld(); // its receipt would have sent the second batch
    s.drain();

    assertThat(chain.sent).hasSize(1);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(1);
    assertThat(log.clearings(ClearingState.PENDING)).hasSize(1);
  }

  @Test
  void theOtherPartsOfAnAuctionGoOutUnprobedAtTheGasItsFirstPartProbedWithHeadroom() {
    for (int i = 0; i < 3; i++) {
      matchedPart(market(1), 77);
    }
    Settler s = settler(256, 3);

    s.tick();
    s.drain();

    assertThat(chain.probes).as("one probe for the auction").isEqualTo(1);
    long probed = 2 * FakeSettlementChain.GAS_PER_FILL;
    assertThat(chain.probedGas).containsExactly(probed, probed * 110 / 100, probed * 110 / 100);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(3);
  }

  @Test
  void aPartThatRunsOutOfGasIsProbedWhenItIsPlannedAgainAndThenSettles() {
    matchedPart(market(1), 77);
    matchedPart(market(1), 77);
    List<Bytes32> costly = matchedPart(market(1), 77);
    // the third part's ask costs 60k a fill where the first part's cost 43k
    chain.gasPerFillOf.put(3 * 2 - 1L, 60_000L);
    Settler s = settler(256, 3);

    // the third part goes out unprobed, runs out of gas, and is planned again (by the next
    // period, or at once when a receipt comes in)
    long deadline = System.nanoTime() + 5_000_000_000L;
    do {
      s.tick();
      s.drain();
    } while (log.clearings(ClearingState.SETTLED).size() < 3 && System.nanoTime() < deadline);

    assertThat(rejected).as("running out of gas blames nobody").isEmpty();
    assertThat(chain.probes).as("the first part, then the part that ran out").isEqualTo(2);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(3);
    for (Bytes32 h : costly) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
  }

  @Test
  void aPartThatRevertsOnChainLendsItsGasToNoSiblingSentBeforeItsReceiptIsRecorded()
      throws Exception {
    matchedPart(market(1), 77);
    matchedPart(market(1), 77);
    matchedPart(market(1), 77);
    // the second and third parts' asks cost 60k a fill where the first part's cost 43k
    chain.gasPerFillOf.put(3L, 60_000L);
    chain.gasPerFillOf.put(5L, 60_000L);
    chain.outOfGasWhenMined = true;
    // the first part's receipt takes long to record: the second goes out meanwhile, unprobed,
    // reverts, and the third goes out before anything is recorded
    java.util.concurrent.CountDownLatch recorded = holdRecording();
    Settler s = settler(256, 1);

    s.tick();
    long deadline = System.nanoTime() + 5_000_000_000L;
    int attempts;
    do {
      Thread.sleep(5);
      synchronized (chain) {
        attempts = chain.sent.size() + chain.revertedOnChain.size();
      }
    } while (attempts < 3 && System.nanoTime() < deadline);
    assertThat(attempts).as("three parts went out while the first was recorded").isEqualTo(3);

    recorded.countDown();
    deadline = System.nanoTime() + 5_000_000_000L;
    do {
      s.tick();
      s.drain();
    } while (log.clearings(ClearingState.SETTLED).size() < 3 && System.nanoTime() < deadline);

    assertThat(chain.revertedOnChain)
        .as("only the part sent before any failure ran out of gas")
        .hasSize(1);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(3);
    assertThat(rejected).isEmpty();
  }

  @Test
  void matchedClearingsOfSeveralMarketsSettleInOneBatch() {
    List<Bytes32> a = matched(market(1));
    List<Bytes32> b = matched(market(2));
    Settler s = settler(256);

    s.tick();
    s.drain();

    assertThat(chain.sent).hasSize(1);
    assertThat(chain.sent.get(0)).hasSize(2);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(2);
    assertThat(settled).hasSize(2);
    for (Bytes32 h : concat(a, b)) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
      assertThat(log.orders.get(h).status()).isEqualTo(OrderState.FILLED);
    }
    BatchRecord batch = log.batches.get(1L);
    assertThat(batch.status()).isEqualTo(BatchState.SETTLED);
    assertThat(batch.txHash()).isEqualTo(chain.settled.get(1L).txHash());
  }

  @Test
  void aBatchCarriesOneClearingPerMarketAndNoMoreFillsThanAllowed() {
    matched(market(1));
    matched(market(1)); // the same market again, from a later epoch
    matched(market(2));
    matched(market(3));
    Settler s = settler(4);

    s.tick();
    s.drain();
    assertThat(chain.sent.get(0)).extracting(c -> c.market().cell()).containsExactly(1L, 2L);
    s.tick();
    s.drain();
    s.tick();
    s.drain();

    assertThat(chain.sent).hasSize(2);
    assertThat(chain.sent.get(1)).extracting(c -> c.market().cell()).containsExactly(1L, 3L);
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(4);
  }

  @Test
  void aMarketTheExchangeWouldSkipIsTakenOutAndItsOrdersGoBackToTheBook() {
    List<Bytes32> refused = matched(market(1));
    List<Bytes32> fine = matched(market(2));
    chain.refuseMarkets.put(market(1), FakeSettlementChain.protectedMarket(market(1)));
    Settler s = settler(256);

    s.tick();
    s.drain(); // the batch's receipt is collected on its own thread

    assertThat(chain.sent).hasSize(1);
    assertThat(chain.sent.get(0)).extracting(c -> c.market().cell()).containsExactly(2L);
    assertThat(dropped).extracting(ClearingRecord::market).containsExactly(market(1));
    assertThat(rejected).isEmpty();
    for (Bytes32 h : refused) {
      assertThat(log.orders.get(h).status()).isEqualTo(OrderState.OPEN);
      assertThat(log.orders.get(h).matched()).isZero();
    }
    for (Bytes32 h : fine) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
  }

  @Test
  void anOrderTheExchangeBlamesIsRejectedAndItsCounterpartyGoesBackToTheBook() {
    List<Bytes32> pair = matched(market(1));
    Bytes32 cancelled = pair.get(1);
    chain.refuseMarkets.put(
        market(1),
        FakeSettlementChain.refused(new ContractError.ExchangeOrderCancelled(cancelled, 1)));

    settler(256).tick();

    assertThat(chain.sent).isEmpty();
    assertThat(rejected).containsExactly(cancelled);
    assertThat(log.orders.get(cancelled).status()).isEqualTo(OrderState.REJECTED);
    assertThat(log.orders.get(pair.get(0)).status()).isEqualTo(OrderState.OPEN);
    assertThat(log.batches.get(1L).status()).isEqualTo(BatchState.ABANDONED);
  }

  @Test
  void aSellerShortOfHoldingsHasItsAskRejectedAndTheBidGoesBackToTheBook() {
    List<Bytes32> pair = matched(market(1));
    Bytes32 ask = pair.get(0);
    chain.skipOnChain.put(
        market(1),
        FakeSettlementChain.refused(
            new ContractError.ExchangeInsufficientHoldings(SELLER, market(1).id(), 1_000, 400)));
    Settler s = settler(256);

    s.tick();
    s.drain();

    assertThat(rejected).containsExactly(ask);
    assertThat(log.orders.get(ask).status()).isEqualTo(OrderState.REJECTED);
    assertThat(log.orders.get(pair.get(1)).status()).isEqualTo(OrderState.OPEN);
    // the refusal is noted at the court, so that leaving the ask out later breaks no rule
    assertThat(chain.noted).containsExactly(List.of(log.orders.get(ask).order().order()));
  }

  @Test
  void aMakerThePolicySuspendedIsNotedRefused() {
    List<Bytes32> pair = matched(market(1));
    chain.skipOnChain.put(
        market(1), FakeSettlementChain.refused(new ContractError.PolicyOperatorSuspended(SELLER)));
    Settler s = settler(256);
    s.tick();
    s.drain();
    assertThat(rejected).containsExactly(pair.get(0));
    assertThat(chain.noted).containsExactly(List.of(log.orders.get(pair.get(0)).order().order()));
  }

  @Test
  void aRefusalForAnotherReasonIsNotNoted() {
    List<Bytes32> pair = matched(market(1));
    chain.skipOnChain.put(
        market(1),
        FakeSettlementChain.refused(new ContractError.ExchangeOrderCancelled(pair.get(0), 1)));
    Settler s = settler(256);
    s.tick();
    s.drain();
    assertThat(rejected).containsExactly(pair.get(0));
    assertThat(chain.noted).isEmpty();
  }

  @Test
  void aMarketSkippedOnChainAfterAllIsReadFromTheReceipt() {
    List<Bytes32> raced = matched(market(1));
    matched(market(2));
    chain.skipOnChain.put(market(1), FakeSettlementChain.protectedMarket(market(1)));
    Settler s = settler(256);

    s.tick();
    s.drain();

    assertThat(chain.sent.get(0)).hasSize(2);
    assertThat(dropped).extracting(ClearingRecord::market).containsExactly(market(1));
    assertThat(settled).extracting(ClearingRecord::market).containsExactly(market(2));
    for (Bytes32 h : raced) {
      assertThat(log.orders.get(h).status()).isEqualTo(OrderState.OPEN);
      assertThat(log.orders.get(h).settled()).isZero();
    }
  }

  @Test
  void aBatchRefusedForAnOrderIsPlacedByMarketAndTheRestSettleNextTime() {
    List<Bytes32> bad = matched(market(1));
    List<Bytes32> good = matched(market(2));
    // The simulation of the batch let it through; the estimate of the whole batch did not.
    chain.refuseBatch =
        FakeSettlementChain.refused(new ContractError.ExchangeOrderCancelled(bad.get(0), 1));
    Settler s = settler(256);
    s.tick();
    assertThat(chain.sent).isEmpty();
    assertThat(log.batches.get(1L).status()).isEqualTo(BatchState.ABANDONED);
    assertThat(log.clearings(ClearingState.PENDING)).hasSize(2);

    // Now the simulation of each market finds the culprit.
    chain.refuseBatch = null;
    chain.refuseMarkets.put(
        market(1),
        FakeSettlementChain.refused(new ContractError.ExchangeOrderCancelled(bad.get(0), 1)));
    s.tick();
    s.drain();

    assertThat(rejected).containsExactly(bad.get(0));
    assertThat(log.orders.get(bad.get(1)).status()).isEqualTo(OrderState.OPEN);
    for (Bytes32 h : good) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
  }

  @Test
  void aBatchRefusedAsAWholeIsThePlannersFaultAndNoOrderIsRejected() {
    List<Bytes32> pair = matched(market(1));
    chain.refuseBatch =
        FakeSettlementChain.refused(
            new ContractError.ExchangeTooManyFills(
                BigInteger.valueOf(300), BigInteger.valueOf(256)));
    Settler s = settler(256);

    s.tick();

    assertThat(rejected).isEmpty();
    assertThat(dropped).isEmpty();
    assertThat(log.clearings(ClearingState.PENDING)).hasSize(1);
    for (Bytes32 h : pair) {
      assertThat(log.orders.get(h).matched()).isEqualTo(1_000);
    }
  }

  @Test
  void anUnreachableNodeLosesNothingAndTheClearingsAreSentOnceItIsBack() {
    List<Bytes32> pair = matched(market(1));
    chain.unreachable = new LedgerException("connection refused: http://127.0.0.1:8545");
    Settler s = settler(256);

    assertThatThrownBy(s::tick).isInstanceOf(LedgerException.class);
    assertThat(log.batches.get(1L).status()).isEqualTo(BatchState.ABANDONED);
    assertThat(log.clearings(ClearingState.PENDING)).hasSize(1);

    chain.unreachable = null;
    s.tick();
    s.drain();

    assertThat(chain.sent).hasSize(1);
    assertThat(log.batches.get(2L).status()).isEqualTo(BatchState.SETTLED);
    for (Bytes32 h : pair) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
  }

  @Test
  void aLostReceiptOfABatchThatSettledIsRecordedFromTheChainNotSentAgain() {
    List<Bytes32> pair = matched(market(1));
    chain.lostReceipt = new LedgerException("timed out waiting for the receipt");
    Settler s = settler(256);

    s.tick();
    s.drain();

    assertThat(chain.sent).hasSize(1);
    assertThat(log.batches.get(1L).status()).isEqualTo(BatchState.SETTLED);
    assertThat(log.batches.get(1L).block()).isEqualTo(chain.settled.get(1L).blockNumber());
    for (Bytes32 h : pair) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
    s.tick();
    assertThat(chain.sent).hasSize(1);
  }

  @Test
  void aRestartRecordsBatchesTheChainSettledAndReplansTheOthers() {
    List<Bytes32> landed = matched(market(1));
    List<Bytes32> lost = matched(market(2));
    // A previous run planned two batches and died: the first reached the chain, the second not.
    BatchRecord first = log.planBatch(List.of(1L), 2, 0);
    log.markSubmitting(first.batchId());
    chain.send(first.batchId(), settler(256).toChain(log.clearingsOfBatch(first.batchId())), 0);
    BatchRecord second = log.planBatch(List.of(2L), 2, 0);
    log.markSubmitting(second.batchId());
    chain.sent.clear();

    Settler s = settler(256);
    s.recover();

    assertThat(log.batches.get(first.batchId()).status()).isEqualTo(BatchState.SETTLED);
    assertThat(log.batches.get(second.batchId()).status()).isEqualTo(BatchState.ABANDONED);
    assertThat(log.orders.get(landed.get(0)).settled()).isEqualTo(1_000);
    assertThat(log.clearings(ClearingState.PENDING))
        .extracting(ClearingRecord::id)
        .containsExactly(2L);

    s.tick();
    s.drain();
    assertThat(chain.sent).hasSize(1);
    for (Bytes32 h : lost) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
    assertThat(log.clearings(ClearingState.SETTLED)).hasSize(2);
  }

  @Test
  void aRestartWaitsForTheBrokersPendingTransactionBeforeDecidingABatchNeverLanded() {
    List<Bytes32> pair = matched(market(1));
    BatchRecord b = log.planBatch(List.of(1L), 2, 0);
    log.markSubmitting(b.batchId());
    // The previous run's transaction is still in the node's pool; it is mined two polls later.
    chain.pendingBatch = b.batchId();
    chain.pendingClearings = settler(256).toChain(log.clearingsOfBatch(b.batchId()));
    chain.pending = 2;

    settler(256).recover();

    assertThat(log.batches.get(b.batchId()).status()).isEqualTo(BatchState.SETTLED);
    assertThat(log.clearings(ClearingState.PENDING)).isEmpty();
    for (Bytes32 h : pair) {
      assertThat(log.orders.get(h).settled()).isEqualTo(1_000);
    }
  }

  private static List<Bytes32> concat(List<Bytes32> a, List<Bytes32> b) {
    List<Bytes32> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

package org.spectrumledger.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.epoch.Timescale;
import org.spectrumledger.broker.intake.IntakeResult;
import org.spectrumledger.broker.store.ClearingRecord;
import org.spectrumledger.broker.store.ClearingState;
import org.spectrumledger.broker.store.FillRecord;
import org.spectrumledger.broker.store.OrderRecord;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * An auction with more fills than one settlement batch may carry, on the dev chain: it clears once,
 * at one price, is recorded as parts that each balance, and every part settles, each in a batch of
 * its own; every order ends as filled on chain as the broker matched it, an order split over two
 * parts included, and an all-or-none order whole. A part the exchange refuses (a buyer suspended
 * after its bids were accepted) is dropped alone: the other parts settle, the suspended buyer's
 * orders are rejected, and the counter-orders of its part go back to the book.
 */
@ExtendWith(DevChainExtension.class)
class LargeAuctionTest {

  private static final int FILLS_PER_BATCH = 6;

  @Test
  void anAuctionLargerThanABatchSettlesCompletelyInBalancedParts(DevChain chain, @TempDir Path dir)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    List<SigningKey> sellers = new ArrayList<>();
    List<SigningKey> buyers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sellers.add(h.seller("Large seller " + i, 100_000));
      buyers.add(h.buyer("Large buyer " + i, 1_000_000_000));
    }
    List<SignedOrder> orders = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < 3; i++) {
        orders.add(
            h.order(sellers.get(i), Side.ASK, h.market, 1_000, 2_000_000 + k * 10_000, k + 1));
        // bids of 1.5 SRU against asks of 1 SRU: most bids are split over two parts
        orders.add(
            h.order(buyers.get(i), Side.BID, h.market, 1_500, 2_600_000 - k * 10_000, k + 1));
      }
    }
    SigningKey whole = h.buyer("Large all-or-none buyer", 1_000_000_000);
    Order aon =
        new Order(
            whole.address(), Side.BID, h.market, 2_000, 2_700_000, 1, h.market.slotStart(), false);
    orders.add(ledger.admin().exchange().orderSigner().sign(aon, whole));

    try (BrokerNode broker =
        BrokerNode.start(
            h.fastBroker(dir)
                .withEpochs(Duration.ofHours(1), Duration.ofMillis(100), Duration.ofMillis(200))
                .withMaxFillsPerBatch(FILLS_PER_BATCH)
                .withInFlight(2))) {
      for (SignedOrder o : orders) {
        assertThat(broker.submit(o, null, null)).isInstanceOf(IntakeResult.Accepted.class);
      }
      broker.clearNow(Timescale.NON_RT);

      Map<Long, ClearingRecord> parts = new TreeMap<>();
      for (ClearingState state : ClearingState.values()) {
        for (ClearingRecord c : broker.store().clearings(state)) {
          parts.put(c.id(), c);
        }
      }
      assertThat(parts).hasSizeGreaterThanOrEqualTo(4);
      long price = parts.values().iterator().next().price();
      Map<String, Long> matched = new TreeMap<>();
      for (ClearingRecord c : parts.values()) {
        assertThat(c.price()).as("one price for every part").isEqualTo(price);
        assertThat(c.fills()).hasSizeLessThanOrEqualTo(FILLS_PER_BATCH);
        long bids = 0;
        long asks = 0;
        for (FillRecord f : c.fills()) {
          matched.merge(f.orderHash().hex(), f.quantity(), Long::sum);
          if (f.side() == Side.BID) {
            bids += f.quantity();
          } else {
            asks += f.quantity();
          }
        }
        assertThat(bids).as("part %d balances", c.id()).isEqualTo(asks);
      }
      long split =
          matched.keySet().stream()
              .filter(
                  hash ->
                      parts.values().stream()
                              .filter(
                                  c ->
                                      c.fills().stream()
                                          .anyMatch(f -> f.orderHash().hex().equals(hash)))
                              .count()
                          > 1)
              .count();
      assertThat(split).as("orders spread over two parts").isPositive();

      settleEverything(broker);
      assertThat(broker.store().clearings(ClearingState.DROPPED)).isEmpty();
      assertThat(broker.store().clearings(ClearingState.SETTLED)).hasSize(parts.size());

      for (OrderRecord r : broker.store().allOrders()) {
        Order o = r.order().order();
        long onChain = ledger.admin().exchange().filledOf(o.maker(), o.nonce()).of(o.quantity());
        long expected = matched.getOrDefault(r.orderHash().hex(), 0L);
        assertThat(onChain).as("order %s on chain", r.orderHash()).isEqualTo(expected);
        assertThat(r.settled()).isEqualTo(expected);
      }
      assertThat(matched.get(ledger.admin().exchange().onChainDigest(aon).hex()))
          .as("the all-or-none bid, whole")
          .isEqualTo(2_000);
    }
  }

  @Test
  void aPartTheExchangeRefusesLeavesTheOtherPartsSettledAndItsOrdersBackInTheBook(
      DevChain chain, @TempDir Path dir) throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    BrokerHarness h = new BrokerHarness(ledger, 3_600);
    SigningKey seller = h.seller("Parts seller", 100_000);
    List<SigningKey> buyers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      buyers.add(h.buyer("Parts buyer " + i, 1_000_000_000));
    }
    List<SignedOrder> orders = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      orders.add(h.order(seller, Side.ASK, h.market, 1_000, 2_000_000, k + 1));
    }
    // bids in priority order: the suspended buyer's come last, so its part is the last one
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 3; k++) {
        orders.add(
            h.order(buyers.get(i), Side.BID, h.market, 1_000, 2_600_000 - i * 10_000, k + 1));
      }
    }
    SigningKey suspended = buyers.get(3);
    try (BrokerNode broker =
        BrokerNode.start(
            h.fastBroker(dir)
                .withEpochs(Duration.ofHours(1), Duration.ofMillis(100), Duration.ofHours(1))
                .withMaxFillsPerBatch(FILLS_PER_BATCH))) {
      for (SignedOrder o : orders) {
        assertThat(broker.submit(o, null, null)).isInstanceOf(IntakeResult.Accepted.class);
      }
      // the regulator suspends a buyer after its bids were accepted, before the auction settles
      ledger.admin().policy().setOperatorSuspended(suspended.address(), true);
      broker.clearNow(Timescale.NON_RT);
      settleEverything(broker);

      assertThat(broker.store().clearings(ClearingState.SETTLED)).isNotEmpty();
      assertThat(broker.store().clearings(ClearingState.DROPPED)).isNotEmpty();
      for (OrderRecord r : broker.store().allOrders()) {
        Order o = r.order().order();
        long onChain = ledger.admin().exchange().filledOf(o.maker(), o.nonce()).of(o.quantity());
        assertThat(onChain)
            .as("order %s: the broker counts what the chain settled", r.orderHash())
            .isEqualTo(r.settled());
        if (o.maker().equals(suspended.address())) {
          assertThat(onChain).isZero();
          assertThat(r.status().name()).isEqualTo("REJECTED");
        } else {
          assertThat(r.matched())
              .as("nothing of a dropped part stays matched")
              .isEqualTo(r.settled());
        }
      }
      // the sellers' asks the dropped part held are back in the book: they trade in the next
      // auction, against nobody now (the only bids left were the suspended buyer's)
      long asksOpen =
          broker.store().allOrders().stream()
              .filter(r -> r.order().order().side() == Side.ASK)
              .filter(r -> r.status().name().equals("OPEN"))
              .count();
      assertThat(asksOpen).isEqualTo(3);
    }
  }

  private static void settleEverything(BrokerNode broker) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!broker.store().clearings(ClearingState.PENDING).isEmpty()
        || !broker.store().clearings(ClearingState.BATCHED).isEmpty()) {
      assertThat(System.nanoTime()).as("every part settles within a minute").isLessThan(deadline);
      broker.settleNow();
    }
  }
}

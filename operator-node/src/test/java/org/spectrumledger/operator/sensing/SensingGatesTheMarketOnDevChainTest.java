package org.spectrumledger.operator.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.Clearing;
import org.spectrumledger.ledger.DeployOptions;
import org.spectrumledger.ledger.Deployment;
import org.spectrumledger.ledger.Fill;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.LedgerConfig;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.SignedOrder;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;

/**
 * Sensing gates the market, on a real deployment: the edge controller fuses three nodes'
 * observations of three sensing-required bands in one cell (band 1 idle, band 2 busy, band 3 idle
 * but under a primary-user protection zone), the sensor reports the estimates, and an operator asks
 * the eligibility rules before it signs anything. Only band 1 gets orders and trades; orders on
 * bands 2 and 3 signed anyway are refused by the contracts with the policy's own errors, and
 * nothing of them settles.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SensingGatesTheMarketOnDevChainTest {

  private static final long[] BANDS = {1, 2, 3};
  private static final long IDLE_BAND = 1;
  private static final long BUSY_BAND = 2;
  private static final long PROTECTED_BAND = 3;
  private static final long CELL = CellId.of(CellId.Layer.GROUND, 42).value();
  private static final long QUANTITY = 10_000; // 10 SRU
  private static final long ASK_LIMIT = 2_000_000;
  private static final long BID_LIMIT = 2_500_000;
  private static final long PRICE = 2_250_000;

  private final List<LedgerClient> clients = new ArrayList<>();
  private LedgerClient regulator;
  private LedgerClient broker;
  private SigningKey seller;
  private SigningKey buyer;
  private long slotStart;
  private long slotEnd;
  private long nonce;
  private Decision decision;
  private SensingReporter reporter;
  private List<TxResult> reports;
  private PolicySnapshot policy;
  private CellSensing estimates;
  private final MarketEligibility eligibility = new MarketEligibility(600);

  @BeforeAll
  void deployRegisterSenseAndReport(DevChain chain) {
    List<SigningKey> keys = chain.fundedKeys();
    SigningKey admin = keys.get(0);
    SigningKey sensorKey = keys.get(1);
    SigningKey brokerKey = keys.get(2);
    seller = keys.get(3);
    buyer = keys.get(4);
    Deployment d =
        LedgerClient.deploy(
            chain.rpcUrl(),
            admin,
            GasFees.free(),
            DeployOptions.defaults()
                .withSensor(sensorKey.address())
                .withBroker(brokerKey.address()));
    LedgerConfig config =
        new LedgerConfig(chain.rpcUrl(), chain.chainId(), d, admin, GasFees.free(), null);
    regulator = open(config);
    broker = open(config.withKey(brokerKey));
    LedgerClient sensor = open(config.withKey(sensorKey));
    LedgerClient asBuyer = open(config.withKey(buyer));

    long now = regulator.chainTime();
    slotStart = (now / 3_600 + 1) * 3_600;
    slotEnd = slotStart + 3_600;
    regulator.policy().registerOperator(seller.address(), OperatorKind.MOBILE_NETWORK, "North MNO");
    regulator
        .policy()
        .registerOperator(buyer.address(), OperatorKind.MICRO_OPERATOR, "Harbour micro");
    for (long band : BANDS) {
      regulator
          .policy()
          .registerBand(
              band, 2_100_000 + band * 10_000, 2_110_000 + band * 10_000, true, 3 * 3_600, 3_600);
      regulator.policy().grantLicence(seller.address(), band, CELL, 24_000, now, now + 86_400);
    }
    regulator.policy().addProtectionZone(PROTECTED_BAND, CELL, slotStart, slotEnd);
    regulator.token().mint(buyer.address(), BigInteger.valueOf(1_000_000_000));
    asBuyer.exchange().deposit(BigInteger.valueOf(500_000_000));

    // Three nodes sense every band: band index 1 (id 2) is busy for all of them.
    EdgeController controller = new EdgeController(ControllerConfig.paper(3, SensingMode.ALL));
    List<SensingReading> readings = new ArrayList<>();
    for (int node = 0; node < 3; node++) {
      readings.add(new SensingReading(node, 0, true));
      readings.add(new SensingReading(node, 1, node == 2)); // one false "idle" is outvoted
      readings.add(new SensingReading(node, 2, true));
    }
    decision = controller.decide(ControlInput.uniform(0, 3, 3, 1.0, readings));
    estimates = decision.estimates(CELL, BANDS, regulator.chainTime());
    reporter = new SensingReporter(sensor);
    reports = reporter.report(estimates);
    policy = new PolicyReader(regulator).read(List.of(1L, 2L, 3L), List.of(CELL));
  }

  @AfterAll
  void close() {
    clients.forEach(LedgerClient::close);
  }

  @Test
  void theSensorReportsTheControllersEstimatesOnTheLedger() {
    assertThat(decision.idle()).containsExactly(true, false, true);
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).events("SensingReported")).hasSize(3);
    assertThat(regulator.policy().sensingReport(IDLE_BAND, CELL).idleAt()).isPositive();
    assertThat(regulator.policy().sensingReport(IDLE_BAND, CELL).busyAt()).isZero();
    assertThat(regulator.policy().sensingReport(BUSY_BAND, CELL).busyAt()).isPositive();
    assertThat(regulator.policy().sensingReport(PROTECTED_BAND, CELL).busyAt()).isZero();
  }

  @Test
  void manyCellsAreReportedInTransactionsOfAtMost256Observations() {
    List<CellSensing> cells = new ArrayList<>();
    for (int area = 1_000; area < 1_090; area++) {
      long cell = CellId.of(CellId.Layer.HAP, area).value();
      cells.add(decision.estimates(cell, BANDS, regulator.chainTime()));
    }

    List<TxResult> txs = reporter.report(cells); // 270 observations

    assertThat(txs).extracting(t -> t.events("SensingReported").size()).containsExactly(256, 14);
    long last = CellId.of(CellId.Layer.HAP, 1_089).value();
    assertThat(regulator.policy().sensingReport(PROTECTED_BAND, last).exists()).isTrue();
    assertThat(regulator.policy().sensingReport(BUSY_BAND, last).busyAt()).isPositive();
  }

  @Test
  void onlyTheIdleUnprotectedBandIsEligibleAndEachRefusalSaysWhy() {
    var verdicts = eligibility.assess(markets(), Map.of(CELL, estimates), policy);

    assertThat(verdicts.get(0).eligible()).isTrue();
    assertThat(verdicts.get(1).refusals())
        .extracting(MarketEligibility.Refusal::reason)
        .containsExactlyInAnyOrder(
            MarketEligibility.Reason.SENSED_BUSY, MarketEligibility.Reason.REPORTED_BUSY);
    assertThat(verdicts.get(2).refusals())
        .extracting(MarketEligibility.Refusal::reason)
        .containsExactly(MarketEligibility.Reason.PROTECTED);
  }

  @Test
  void theOperatorOrdersOnlyTheEligibleBandAndThatTradeSettles() {
    List<SignedOrder> orders = new ArrayList<>();
    for (MarketKey m : eligibility.eligible(markets(), Map.of(CELL, estimates), policy)) {
      orders.add(order(seller, Side.ASK, m, ASK_LIMIT));
      orders.add(order(buyer, Side.BID, m, BID_LIMIT));
    }
    assertThat(orders).extracting(o -> o.order().market().band()).containsOnly(IDLE_BAND);

    MarketKey market = orders.get(0).order().market();
    TxResult settled =
        broker
            .exchange()
            .settleBatch(
                100,
                List.of(
                    new Clearing(
                        market,
                        PRICE,
                        List.of(
                            new Fill(orders.get(0), QUANTITY),
                            new Fill(orders.get(1), QUANTITY)))));

    assertThat(settled.events("TradeSettled")).hasSize(2);
    assertThat(regulator.exchange().leaseBalance(buyer.address(), market)).isEqualTo(QUANTITY);
  }

  @Test
  void settlingTheBandSensedBusyAnywayIsRefusedOnChainAndSettlesNothing() {
    assertRefusedOnChain(market(BUSY_BAND), 200, "PolicyBandBusy");
  }

  @Test
  void settlingTheProtectedBandAnywayIsRefusedOnChainAndSettlesNothing() {
    assertRefusedOnChain(market(PROTECTED_BAND), 300, "PolicyMarketProtected");
  }

  /**
   * Orders signed without asking the gate: the exchange must refuse them itself, skipping their
   * market and settling nothing of it.
   */
  private void assertRefusedOnChain(MarketKey market, long batchId, String error) {
    SignedOrder ask = order(seller, Side.ASK, market, ASK_LIMIT);
    SignedOrder bid = order(buyer, Side.BID, market, BID_LIMIT);
    List<Clearing> batch =
        List.of(
            new Clearing(market, PRICE, List.of(new Fill(ask, QUANTITY), new Fill(bid, QUANTITY))));
    BigInteger buyerEscrow = regulator.exchange().escrowOf(buyer.address());

    assertThat(broker.exchange().marketsToSkip(batchId, batch))
        .hasEntrySatisfying(0, e -> assertThat(e.errorName()).isEqualTo(error));
    TxResult sent = broker.exchange().settleBatch(batchId, batch);
    assertThat(broker.exchange().skippedMarkets(sent))
        .hasEntrySatisfying(market, e -> assertThat(e.errorName()).isEqualTo(error));

    assertThat(sent.events("TradeSettled")).isEmpty();
    assertThat(regulator.exchange().leaseBalance(buyer.address(), market)).isZero();
    assertThat(regulator.exchange().escrowOf(buyer.address())).isEqualTo(buyerEscrow);
    assertThat(regulator.exchange().remainingQuantity(ask.order())).isEqualTo(QUANTITY);
    assertThat(regulator.exchange().remainingQuantity(bid.order())).isEqualTo(QUANTITY);
  }

  private List<MarketKey> markets() {
    return List.of(market(IDLE_BAND), market(BUSY_BAND), market(PROTECTED_BAND));
  }

  private MarketKey market(long band) {
    return new MarketKey(band, CELL, slotStart, slotEnd);
  }

  private SignedOrder order(SigningKey maker, Side side, MarketKey market, long limit) {
    Order o = new Order(maker.address(), side, market, QUANTITY, limit, ++nonce, slotStart, true);
    return regulator.exchange().orderSigner().sign(o, maker);
  }

  private LedgerClient open(LedgerConfig config) {
    LedgerClient c = LedgerClient.connect(config);
    clients.add(c);
    return c;
  }
}

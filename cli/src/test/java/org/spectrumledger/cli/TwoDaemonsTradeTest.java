package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.spectrumledger.broker.BrokerConfig;
import org.spectrumledger.broker.BrokerNode;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.broker.api.ConformingAnswers;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.daemon.DemandSource;
import org.spectrumledger.operator.daemon.OperatorDaemon;
import org.spectrumledger.operator.daemon.SlotClock;
import org.spectrumledger.operator.daemon.TradingBrain;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.sensing.MarketEligibility;

/**
 * Two daemons trading with each other, the seller one interval behind the buyer (as two daemons
 * started a moment apart are): each books exactly what the chain settled between them.
 */
@ExtendWith(DevChainExtension.class)
class TwoDaemonsTradeTest {

  private static final long BAND = 4;
  private static final int ROUNDS = 5;

  @Test
  void aBuyerAndASellerDaemonEachBookWhatTheChainSettled(DevChain chain, @TempDir Path home)
      throws Exception {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(BAND, 2_110_000, 2_155_000, false, 0, 3_600);
    long cell = CellId.parse("0x7").value();
    long now = admin.chainTime();
    SigningKey buyerKey =
        ledger.newOperator(
            "Busy LTE",
            OperatorKind.MOBILE_NETWORK,
            new BigInteger("1000000000"),
            new BigInteger("500000000"));
    SigningKey sellerKey =
        ledger.newOperator(
            "Idle NR", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    admin.policy().grantLicence(buyerKey.address(), BAND, cell, 8_000, now - 60, now + 86_400);
    admin.policy().grantLicence(sellerKey.address(), BAND, cell, 24_000, now - 60, now + 86_400);
    long first = (now / 3_600 + 1) * 3_600;
    SlotClock clock = new SlotClock(first, 3_600);

    BrokerConfig config = CliRunner.testBroker(chain.rpcUrl(), ledger, home);
    try (BrokerNode node = BrokerNode.start(config);
        LedgerClient buyerClient = ledger.client(buyerKey);
        LedgerClient sellerClient = ledger.client(sellerKey)) {
      ConformingAnswers answers = new ConformingAnswers();
      node.watchAnswers(answers::answered);
      BrokerClient broker = new BrokerClient("http://127.0.0.1:" + node.port());
      // the buyer's demand is far above its 8 SRU, the seller's far below its 24
      OperatorDaemon buyer = daemon("buyer", buyerKey, buyerClient, broker, clock, cell, 8, 30);
      OperatorDaemon seller = daemon("seller", sellerKey, sellerClient, broker, clock, cell, 24, 2);

      // the seller starts one interval late: its ask for a slot arrives after the buyer has
      // already looked at its bid for that slot once
      assertThat(buyer.step()).isTrue();
      buyer.reconcile(0);
      for (int k = 1; k <= ROUNDS; k++) {
        assertThat(buyer.step()).isTrue();
        buyer.reconcile(k);
        assertThat(seller.step()).isTrue();
        seller.reconcile(k - 1);
        Thread.sleep(300);
      }
      buyer.drain(Duration.ofSeconds(20));
      seller.drain(Duration.ofSeconds(20));

      double leased = 0;
      for (int k = 0; k <= ROUNDS + 1; k++) {
        MarketKey market = clock.market(BAND, cell, k);
        leased += admin.exchange().leaseBalance(buyerKey.address(), market) / 1000.0;
      }
      assertThat(leased).as("the daemons traded on chain").isPositive();
      assertThat(buyer.book().boughtSru()).isEqualTo(leased);
      assertThat(seller.book().soldSru()).isEqualTo(leased);
      assertThat(buyer.book().paidTokens()).isPositive();
      assertThat(seller.book().receivedTokens()).isPositive();
      assertThat(buyer.counters()).containsKey("orders filled").containsKey("fills settled");
      answers.assertAllConformed();
    }
  }

  private static OperatorDaemon daemon(
      String name,
      SigningKey key,
      LedgerClient client,
      BrokerClient broker,
      SlotClock clock,
      long cell,
      double licence,
      double level) {
    double[] demand = new double[24 * 3 + 20];
    Arrays.fill(demand, level);
    TimeSeries series = TimeSeries.of(name, Instant.parse("2023-01-01T00:00:00Z"), 3_600, demand);
    MarketConfig p = MarketConfig.paper();
    MarketConfig market =
        new MarketConfig(
            licence,
            p.actions(),
            0,
            Math.max(licence * 2, licence + 6),
            p.alpha(),
            p.beta(),
            p.gamma(),
            p.priceCoefficient(),
            p.revenuePerSru(),
            p.transactionCostPerSru(),
            p.settlement());
    TradingBrain brain = TradingBrain.rule(market, "persistence", Arrays.copyOf(demand, 48), 24, 1);
    return new OperatorDaemon(
        new OperatorDaemon.Settings(name, new long[] {BAND}, cell, licence, 0.1, 0.2, 1_000),
        key,
        client,
        broker,
        brain,
        DemandSource.replay(series, 48),
        clock,
        (List<MarketKey> markets) ->
            markets.stream().map(m -> new MarketEligibility.Verdict(m, List.of())).toList(),
        0);
  }
}

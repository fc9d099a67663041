package org.spectrumledger.operator.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.broker.api.BrokerClient;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.OperatorKind;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;
import org.spectrumledger.operator.agent.MarketConfig;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.sensing.MarketEligibility;

/** The daemon keeps going when the broker is away, and books demand served against its licence. */
@ExtendWith(DevChainExtension.class)
class OperatorDaemonTest {

  @Test
  void aBrokerThatIsAwayCostsTheIntervalsTradeNotTheDaemon(DevChain chain) {
    DevLedger ledger = DevLedger.deploy(chain, 60);
    LedgerClient admin = ledger.admin();
    admin.policy().registerBand(4, 2_110_000, 2_155_000, false, 0, 3_600);
    SigningKey key =
        ledger.newOperator(
            "Busy LTE", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    long cell = CellId.of(CellId.Layer.GROUND, 3).value();
    long now = admin.chainTime();
    admin.policy().grantLicence(key.address(), 4, cell, 24_000, now - 60, now + 86_400);
    double[] demand = new double[24 * 3 + 6];
    Arrays.fill(demand, 40); // far above the licence: the rule trader wants to buy every interval
    TimeSeries series = TimeSeries.of("busy", Instant.parse("2023-01-01T00:00:00Z"), 3_600, demand);
    MarketConfig market = MarketConfig.paper();
    TradingBrain brain = TradingBrain.rule(market, "persistence", Arrays.copyOf(demand, 48), 24, 1);
    try (LedgerClient client = ledger.client(key)) {
      OperatorDaemon daemon =
          new OperatorDaemon(
              new OperatorDaemon.Settings("Busy LTE", new long[] {4}, cell, 24, 0.1, 0.2, 1_000),
              key,
              client,
              new BrokerClient("http://127.0.0.1:9"),
              brain,
              DemandSource.replay(series, 48),
              new SlotClock((now / 3_600 + 1) * 3_600, 3_600),
              (List<MarketKey> markets) ->
                  markets.stream().map(m -> new MarketEligibility.Verdict(m, List.of())).toList(),
              0);
      for (int i = 0; i < 3; i++) {
        assertThat(daemon.step()).isTrue();
      }
      assertThat(daemon.counters()).containsEntry("intervals with the broker away", 3L);
      assertThat(daemon.book().steps()).isEqualTo(3);
      // served 24 of 40 each interval: deficit 16 a step, profit = static (no trade happened)
      assertThat(daemon.book().deficitSruSteps()).isEqualTo(48.0);
      assertThat(daemon.book().profit()).isEqualTo(daemon.book().staticProfit());
      assertThat(daemon.nextNonce())
          .isEqualTo(3); // a nonce is never reused, even for an order never delivered
    }
  }
}

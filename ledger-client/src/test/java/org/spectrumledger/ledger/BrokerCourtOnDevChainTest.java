package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/**
 * The broker court from Java on a real chain: a deployment bonds its broker, the Java receipt
 * digest is the court's, and a receipt not honoured by its deadline pays its maker from the bond,
 * once.
 */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerCourtOnDevChainTest {

  private DevLedger ledger;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 60);
  }

  @AfterAll
  void close() {
    ledger.close();
  }

  @Test
  void aDeploymentBondsItsBrokerWithTheMinimum() {
    CourtClient court = ledger.admin().court();
    assertThat(court.terms().bondMinimum()).isEqualTo(DeployOptions.DEFAULT_BOND);
    assertThat(court.bondOf(ledger.brokerKey().address()).active())
        .isEqualTo(DeployOptions.DEFAULT_BOND);
    assertThat(court.isBonded(ledger.brokerKey().address())).isTrue();
    assertThat(court.isBonded(ledger.sensorKey().address())).isFalse();
    // Bonding again is a no-op.
    assertThat(ledger.admin().bondFromTreasury(ledger.brokerKey().address())).isZero();
  }

  @Test
  void aWithheldFillPaysItsMakerFromTheBondOnceAndOnlyAfterTheDeadline(DevChain chain) {
    SigningKey maker =
        ledger.newOperator(
            "Carol MVNO", OperatorKind.VIRTUAL_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    long now = ledger.admin().chainTime();
    MarketKey market = new MarketKey(4, 7, now + 3_600, now + 7_200);
    Order bid =
        new Order(maker.address(), Side.BID, market, 4_000, 2_500_000, 1, now + 3_600, true);
    Bytes32 orderHash = ledger.admin().exchange().onChainDigest(bid);
    OffChainMessages messages = new OffChainMessages(ledger.deployment().domain());
    var receipt = new OffChainMessages.FillReceipt(orderHash, 4_000, 4_000, 2_500_000, 9, now + 30);
    Signature signature = messages.signReceipt(ledger.brokerKey(), receipt);
    Address watchtower = ledger.sensorKey().address();

    try (LedgerClient claimant = ledger.client(ledger.sensorKey())) {
      ContractRevertedException early =
          catchThrowableOfType(
              ContractRevertedException.class,
              () -> claimant.court().claimWithheldFill(bid, receipt, signature));
      assertThat(early.error()).isEqualTo(new ContractError.CourtDeadlineNotPassed(now + 30));

      chain.advanceTime(Duration.ofSeconds(60));
      BigInteger before = ledger.admin().token().tokenBalance(maker.address());
      claimant.court().claimWithheldFill(bid, receipt, signature);

      // 4 SRU at 2.5 tokens, at 100 % of the value: 10 tokens, to the maker, not the claimant.
      BigInteger owed = BigInteger.valueOf(10_000_000);
      assertThat(ledger.admin().token().tokenBalance(maker.address()).subtract(before))
          .isEqualTo(owed);
      assertThat(ledger.admin().token().tokenBalance(watchtower)).isZero();
      assertThat(claimant.court().bondOf(ledger.brokerKey().address()).active())
          .isEqualTo(DeployOptions.DEFAULT_BOND.subtract(owed));
      // The digest Java signs is the one the court recorded.
      assertThat(claimant.court().isClaimed(Bytes32.wrap(messages.receiptDigest(receipt))))
          .isTrue();

      ContractRevertedException again =
          catchThrowableOfType(
              ContractRevertedException.class,
              () -> claimant.court().claimWithheldFill(bid, receipt, signature));
      assertThat(again.error()).isInstanceOf(ContractError.CourtReceiptAlreadyClaimed.class);
    } finally {
      // Other tests of this class expect the broker bonded.
      ledger.admin().bondFromTreasury(ledger.brokerKey().address());
    }
  }
}

package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.devchain.DevChainExtension;
import org.spectrumledger.ledger.devchain.DevLedger;

/** Every regulator, sensor and operator operation on the dev chain, failure paths included. */
@ExtendWith(DevChainExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerClientOperationsTest {

  private static final BigInteger TOKENS = BigInteger.valueOf(1_000_000_000);
  private DevLedger ledger;
  private LedgerClient admin;

  @BeforeAll
  void deploy(DevChain chain) {
    ledger = DevLedger.deploy(chain, 120);
    admin = ledger.admin();
  }

  @AfterAll
  void close() {
    ledger.close();
  }

  @Test
  void regulatorRegistersSuspendsAndReinstatesOperators() {
    SigningKey op = SigningKey.random(new java.security.SecureRandom());
    admin.policy().registerOperator(op.address(), OperatorKind.VIRTUAL_NETWORK, "Virtual One");
    OperatorInfo info = admin.policy().operatorInfo(op.address());
    assertThat(info.registered()).isTrue();
    assertThat(info.kind()).isEqualTo(OperatorKind.VIRTUAL_NETWORK);
    assertThat(info.name()).isEqualTo("Virtual One");
    assertThat(info.active()).isTrue();

    admin.policy().setOperatorSuspended(op.address(), true);
    assertThat(admin.policy().operatorInfo(op.address()).active()).isFalse();
    admin.policy().setOperatorSuspended(op.address(), false);
    assertThat(admin.policy().operatorInfo(op.address()).active()).isTrue();

    assertThatThrownBy(
            () ->
                admin.policy().registerOperator(op.address(), OperatorKind.LOCAL_OPERATOR, "again"))
        .isInstanceOfSatisfying(
            ContractRevertedException.class,
            e -> {
              assertThat(e.error())
                  .isEqualTo(new ContractError.PolicyOperatorAlreadyRegistered(op.address()));
              assertThat(e.txHash()).as("simulated, nothing sent").isEmpty();
            });
  }

  @Test
  void aKeyWithoutTheRegulatorRoleIsRefusedBeforeAnythingIsSent() {
    SigningKey stranger = ledger.chain().fundedKeys().get(5);
    try (LedgerClient c = ledger.client(stranger)) {
      assertThatThrownBy(() -> c.policy().registerBand(77, 1, 2, false, 0, 3_600))
          .isInstanceOfSatisfying(
              RoleMismatchException.class, e -> assertThat(e.role()).isEqualTo(Role.REGULATOR))
          .hasMessageContaining(stranger.address().toString());
      assertThatThrownBy(() -> c.exchange().settleBatch(1, List.of()))
          .isInstanceOf(RoleMismatchException.class)
          .hasMessageContaining("BROKER");
    }
  }

  @Test
  void bandsLicencesZonesAndSensingReports() {
    admin.policy().registerBand(10, 3_550_000, 3_560_000, true, 300, 3_600);
    assertThat(admin.policy().bandInfo(10))
        .isEqualTo(
            new BandInfo(
                10, 3_550_000, 3_560_000, true, 300, true, new SlotGrid(3_600, 0, 0, 0, 0)));
    admin.policy().updateBand(10, true, 600, true);
    assertThat(admin.policy().bandInfo(10).maxReportAge()).isEqualTo(600);
    assertThat(admin.policy().bandInfo(10).onGrid(7_200, 10_800)).isTrue();
    assertThat(admin.policy().bandInfo(10).onGrid(7_200, 9_000)).isFalse();
    long from = admin.policy().bandInfo(10).grid().earliestChange(admin.chainTime());
    admin.policy().setSlotGrid(10, 1_800, from);
    SlotGrid grid = admin.policy().bandInfo(10).grid();
    assertThat(grid).isEqualTo(new SlotGrid(1_800, from, 3_600, 0, 0));
    assertThat(grid.contains(from, from + 1_800)).isTrue();
    assertThat(grid.contains(from - 3_600, from)).as("the old grid before `from`").isTrue();
    assertThat(grid.contains(from - 1_800, from)).isFalse();
    assertThatThrownBy(() -> admin.policy().setSlotGrid(10, 900, from + 60))
        .isInstanceOf(ContractRevertedException.class)
        .hasMessageContaining("PolicyGridChangeRefused");
    assertThatThrownBy(() -> admin.policy().setSlotGrid(99, 3_600, 0))
        .isInstanceOf(ContractRevertedException.class)
        .hasMessageContaining("PolicyUnknownBand");
    assertThatThrownBy(() -> admin.policy().registerBand(11, 5, 5, false, 0, 3_600))
        .isInstanceOf(ContractRevertedException.class)
        .hasMessageContaining("PolicyInvalidBandRange");
    assertThatThrownBy(() -> admin.policy().registerBand(11, 5, 6, false, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slot grid");

    SigningKey op =
        ledger.newOperator(
            "Licensee", OperatorKind.MOBILE_NETWORK, BigInteger.ZERO, BigInteger.ZERO);
    long cell = CellId.of(CellId.Layer.UAV, 42).value();
    admin.policy().grantLicence(op.address(), 10, cell, 24_000, 1_000, 2_000_000_000L);
    assertThat(admin.policy().licence(op.address(), 10, cell))
        .isEqualTo(new Licence(op.address(), 10, cell, 24_000, 1_000, 2_000_000_000L));

    long zone = admin.policy().addProtectionZone(10, cell, 5_000, 6_000);
    long everywhere = admin.policy().addProtectionZone(10, CellId.ALL_CELLS.value(), 7_000, 8_000);
    assertThat(admin.policy().protectionZones(10, cell))
        .extracting(ProtectionZone::id)
        .containsExactlyInAnyOrder(zone, everywhere);
    admin.policy().removeProtectionZone(10, cell, zone);
    assertThat(admin.policy().protectionZones(10, cell))
        .extracting(ProtectionZone::id)
        .containsExactly(everywhere);

    try (LedgerClient sensor = ledger.client(ledger.sensorKey())) {
      sensor.policy().submitSensingReports(List.of(new SensingObservation(10, cell, false)));
      SensingReport report = sensor.policy().sensingReport(10, cell);
      assertThat(report.exists()).isTrue();
      assertThat(report.busyAt()).isPositive();
      assertThat(report.busySensor()).isEqualTo(ledger.sensorKey().address());
      assertThat(report.refusal(report.busyAt() + 60, report.busyAt(), 600))
          .contains("primary user");
    }
    assertThatThrownBy(
            () ->
                admin
                    .policy()
                    .submitSensingReports(List.of(new SensingObservation(10, cell, true))))
        .isInstanceOf(RoleMismatchException.class);
  }

  @Test
  void depositWithdrawWithTheDelayAndPermit() {
    SigningKey op =
        ledger.newOperator("Depositor", OperatorKind.MICRO_OPERATOR, TOKENS, BigInteger.ZERO);
    try (LedgerClient c = ledger.client(op)) {
      c.exchange().deposit(BigInteger.valueOf(300_000_000));
      assertThat(c.exchange().escrowOf(op.address())).isEqualTo(300_000_000);
      c.exchange().depositWithPermit(BigInteger.valueOf(200_000_000), c.chainTime() + 3_600);
      assertThat(c.exchange().escrowOf(op.address())).isEqualTo(500_000_000);
      assertThat(c.token().tokenBalance(op.address())).isEqualTo(500_000_000);

      assertThatThrownBy(() -> c.exchange().deposit(TOKENS))
          .isInstanceOfSatisfying(
              InsufficientFundsException.class,
              e -> {
                assertThat(e.required()).isEqualTo(TOKENS);
                assertThat(e.available()).isEqualTo(500_000_000);
              });

      assertThatThrownBy(() -> c.exchange().requestWithdrawal(BigInteger.valueOf(500_000_001)))
          .as("more than the escrow is refused before anything is sent")
          .isInstanceOfSatisfying(
              InsufficientFundsException.class,
              e -> assertThat(e.available()).isEqualTo(500_000_000));
      c.exchange().requestWithdrawal(BigInteger.valueOf(100_000_000));
      PendingWithdrawal pending = c.exchange().pendingWithdrawal(op.address());
      assertThat(pending.amount()).isEqualTo(100_000_000);
      assertThat(c.exchange().escrowOf(op.address())).as("set aside").isEqualTo(400_000_000);
      assertThatThrownBy(c.exchange()::withdraw)
          .isInstanceOfSatisfying(
              ContractRevertedException.class,
              e -> assertThat(e.errorName()).isEqualTo("ExchangeWithdrawalNotReady"));
      ledger.chain().advanceTime(Duration.ofSeconds(121));
      c.exchange().withdraw();
      assertThat(c.exchange().escrowOf(op.address())).isEqualTo(400_000_000);
      assertThat(c.token().tokenBalance(op.address())).isEqualTo(600_000_000);

      c.exchange().requestWithdrawal(BigInteger.ONE);
      c.exchange().cancelWithdrawal();
      assertThat(c.exchange().pendingWithdrawal(op.address()).exists()).isFalse();
      assertThat(c.exchange().escrowOf(op.address())).isEqualTo(400_000_000);
      assertThatThrownBy(c.exchange()::cancelWithdrawal)
          .isInstanceOf(ContractRevertedException.class)
          .hasMessageContaining("ExchangeNoWithdrawal");
      assertThatThrownBy(() -> c.exchange().deposit(BigInteger.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void cancelOrdersOneByOneAndInBulk() {
    SigningKey op =
        ledger.newOperator(
            "Canceller", OperatorKind.LOCAL_OPERATOR, BigInteger.ZERO, BigInteger.ZERO);
    try (LedgerClient c = ledger.client(op)) {
      long now = c.chainTime();
      MarketKey market = new MarketKey(1, 7, now + 100, now + 200);
      Order order = new Order(op.address(), Side.BID, market, 1_000, 5, 3, now + 10_000, true);
      assertThat(c.exchange().remainingQuantity(order)).isEqualTo(1_000);
      TxResult cancelled = c.exchange().cancelOrders(List.of(3L));
      long window = c.exchange().settlementWindow();
      long effectiveAt = cancelled.events("OrderCancelled").get(0).longValue("effectiveAt");
      OrderStatus waiting = c.exchange().orderStatus(op.address(), 3);
      assertThat(waiting.state()).isEqualTo(OrderStatus.State.OPEN);
      assertThat(waiting.cancelsAt()).isEqualTo(effectiveAt);
      assertThat(effectiveAt - window).isLessThanOrEqualTo(c.chainTime());
      c.exchange().cancelUpTo(100);
      assertThat(c.exchange().minValidNonce(op.address())).as("not in force yet").isZero();
      assertThat(c.exchange().orderStatus(op.address(), 50).cancelling()).isTrue();
      ledger.chain().advanceTime(Duration.ofSeconds(window + 1));
      assertThat(c.exchange().orderStatus(op.address(), 3).state())
          .isEqualTo(OrderStatus.State.CANCELLED);
      assertThat(c.exchange().remainingQuantity(order)).isZero();
      assertThat(c.exchange().minValidNonce(op.address())).isEqualTo(100);
      assertThat(c.exchange().orderStatus(op.address(), 50).state())
          .isEqualTo(OrderStatus.State.CANCELLED);
      assertThat(c.exchange().orderStatus(op.address(), 100).state())
          .isEqualTo(OrderStatus.State.OPEN);
    }
  }

  @Test
  void feesAreSetByTheAdminOnly() {
    admin.exchange().setFee(25);
    assertThat(admin.exchange().feeBps()).isEqualTo(25);
    admin.exchange().setFee(0);
    assertThatThrownBy(() -> admin.exchange().setFee(10_000))
        .isInstanceOf(ContractRevertedException.class)
        .hasMessageContaining("ExchangeFeeTooHigh");
  }
}

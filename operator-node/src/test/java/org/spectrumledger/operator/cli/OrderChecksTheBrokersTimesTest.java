package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.broker.api.BrokerInfo;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.MarketKey;

/**
 * {@code operator order} checks the broker's minimum validity and horizon from {@code /v1/info}
 * before it signs, naming the option to change and the limit; a broker that does not give one
 * leaves it to intake.
 */
class OrderChecksTheBrokersTimesTest {

  private static final long NOW = 1_796_529_600L; // 2026-12-06T04:00:00Z
  private static final long DAY = 86_400;
  private static final Address BROKER = Address.of("0x00000000000000000000000000000000000000bb");

  private static BrokerInfo info(Long horizonSeconds, Long minValiditySeconds) {
    return new BrokerInfo(
        2018,
        BROKER,
        BROKER,
        BROKER,
        BROKER,
        200,
        100,
        60,
        200,
        1,
        1_000,
        horizonSeconds,
        minValiditySeconds,
        List.of());
  }

  private static MarketKey slotIn(long seconds) {
    return new MarketKey(4, 7, NOW + seconds, NOW + seconds + 3_600);
  }

  @Test
  void aValidUntilTooSoonForTheBrokerNamesTheOptionAndTheMinimum() {
    MarketKey m = slotIn(3_600);
    assertThatThrownBy(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 60L), m, NOW + 20, true, "--market", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--valid-until 1796529620 (2026-12-06T04:00:20Z) is 20 s from now: the broker takes an"
                + " order only if it stays valid at least 60 s after it arrives; give a later"
                + " --valid-until");
    assertThatThrownBy(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 60L), m, NOW - 5, true, "--market", NOW))
        .hasMessageStartingWith("--valid-until 1796529595 (2026-12-06T03:59:55Z) has passed:");
    assertThatCode(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 60L), m, NOW + 60, true, "--market", NOW))
        .as("exactly the minimum is taken, as intake takes it")
        .doesNotThrowAnyException();
  }

  @Test
  void aSlotStartingTooSoonWithoutValidUntilSaysToGiveOne() {
    MarketKey m = slotIn(30);
    assertThatThrownBy(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 60L), m, m.slotStart(), false, "--market", NOW))
        .hasMessage(
            "the slot of "
                + m
                + " starts at 2026-12-06T04:00:30Z, 30 s from now, and an order is valid until its"
                + " slot starts unless --valid-until says otherwise: the broker takes an order"
                + " only if it stays valid at least 60 s after it arrives; give --valid-until"
                + " (before 2026-12-06T05:00:30Z) or pick a later slot");
  }

  @Test
  void aSlotOrValidUntilBeyondTheHorizonNamesTheOptionAndTheHorizon() {
    MarketKey far = slotIn(31 * DAY);
    assertThatThrownBy(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 2L), far, far.slotStart(), false, "--market", NOW))
        .hasMessage(
            "--market "
                + far
                + ": the slot starts at 2027-01-06T04:00:00Z, more than the broker's horizon of"
                + " 30 days after now: it takes orders up to 2027-01-05T04:00:00Z; pick an"
                + " earlier slot");
    assertThatThrownBy(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(90_000L, 2L), far, far.slotStart(), false, "--slot", NOW))
        .hasMessageStartingWith(
            "--slot " + far.slotStart() + "-" + far.slotEnd() + ": the slot starts at")
        .hasMessageContaining("the broker's horizon of 90000 s after now");
    MarketKey near = slotIn(3_600);
    assertThatThrownBy(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 2L), near, NOW + 40 * DAY, true, "--market", NOW))
        .hasMessage(
            "--valid-until 1799985600 (2027-01-15T04:00:00Z), more than the broker's horizon of"
                + " 30 days after now: it takes orders up to 2027-01-05T04:00:00Z; give an"
                + " earlier --valid-until");
    assertThatCode(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(30 * DAY, 2L), near, NOW + 30 * DAY, true, "--market", NOW))
        .as("up to the horizon itself, as intake")
        .doesNotThrowAnyException();
  }

  @Test
  void aBrokerThatDoesNotGiveALimitLeavesItToIntake() {
    MarketKey far = slotIn(400 * DAY);
    assertThatCode(
            () ->
                OrderCommand.checkAgainstTheBrokersTimes(
                    info(null, null), far, NOW + 1, true, "--market", NOW))
        .doesNotThrowAnyException();
  }
}

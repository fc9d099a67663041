package org.spectrumledger.operator.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.SlotGrid;

/**
 * {@code operator run} refuses a first slot off a band's grid and says what the grid is: its step
 * and where it starts, which need not be a multiple of the step.
 */
class RunCommandGridTest {

  private static final long HOUR = 3_600;
  private static final long H = 1_796_529_600L; // 2026-12-06T04:00:00Z, a whole hour

  private static BandInfo band(SlotGrid grid) {
    return new BandInfo(4, 2_110_000, 2_155_000, false, 0, true, grid);
  }

  @Test
  void aSlotOffAGridStartingOnTheHalfHourIsToldTheGridsStartAndStep() {
    List<BandInfo> halfHours = List.of(band(new SlotGrid(HOUR, H + 1_800, 0, 0, 0)));
    long first = H + 2 * HOUR; // a whole hour, on no slot of this grid
    assertThatThrownBy(
            () -> RunCommand.checkOnEveryGrid(halfHours, first, HOUR, "--first-slot " + first))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--first-slot 1796536800 is off band 4's grid: its slots last 3600 s and start every"
                + " 3600 s from 1796531400 (2026-12-06T04:30:00Z); the next at or after it is"
                + " 1796538600 (2026-12-06T06:30:00Z)");
    assertThatCode(
            () ->
                RunCommand.checkOnEveryGrid(
                    halfHours, first + 1_800, HOUR, "--first-slot " + (first + 1_800)))
        .doesNotThrowAnyException();
  }

  @Test
  void aSlotOnThePreviousGridIsToldThatGridsStart() {
    // hourly slots on the quarter hour until H + 10 h, half-hour slots from then on
    SlotGrid moved = new SlotGrid(1_800, H + 10 * HOUR, HOUR, H + 900, 0);
    long first = H + 2 * HOUR;
    assertThatThrownBy(
            () -> RunCommand.checkOnEveryGrid(List.of(band(moved)), first, HOUR, "the first slot"))
        .hasMessage(
            "the first slot is off band 4's grid: its slots last 3600 s and start every 3600 s"
                + " from 1796530500 (2026-12-06T04:15:00Z); the next at or after it is 1796537700"
                + " (2026-12-06T06:15:00Z)");
  }

  @Test
  void noSlotIsSuggestedWhereTheGridChangesBeforeTheNextWouldEnd() {
    // hourly slots on the quarter hour until H + 10 h, half-hour slots from then on
    SlotGrid moved = new SlotGrid(1_800, H + 10 * HOUR, HOUR, H + 900, 0);
    long first = H + 9 * HOUR + 1_000; // the next hourly slot, at 10:15, would cross the change
    assertThatThrownBy(
            () -> RunCommand.checkOnEveryGrid(List.of(band(moved)), first, HOUR, "the first slot"))
        .hasMessage(
            "the first slot is off band 4's grid: its slots last 3600 s and start every 3600 s"
                + " from 1796530500 (2026-12-06T04:15:00Z); no later slot of 3600 s is on it (the"
                + " grid changes first)");
  }
}

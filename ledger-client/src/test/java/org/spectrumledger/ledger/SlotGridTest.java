package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotGridTest {

  private static final long HOUR = 3_600;

  @Test
  void theNextSlotOfAGridFromTheEpochIsTheNextWholeStep() {
    SlotGrid hourly = new SlotGrid(HOUR, 0, 0, 0, 0);

    assertThat(hourly.nextSlotAfter(7_300, HOUR)).hasValue(10_800);
    assertThat(hourly.nextSlotAfter(7_200, HOUR))
        .as("a slot starting now is not next")
        .hasValue(10_800);
  }

  @Test
  void theNextSlotFollowsTheGridsOriginNotTheEpoch() {
    // hourly slots on the half hour, from 1800000000 + 1800 on
    long from = 1_800_001_800L;
    SlotGrid halfPast = new SlotGrid(HOUR, from, 1_800, 0, 0);

    long next = halfPast.nextSlotAfter(from + 5 * HOUR + 60, HOUR).orElseThrow();

    assertThat(next).isEqualTo(from + 6 * HOUR);
    assertThat(halfPast.contains(next, next + HOUR)).isTrue();
  }

  @Test
  void beforeANewGridStartsThePreviousOneServesSlotsThatEndByIt() {
    long from = 1_800_000_000L;
    SlotGrid moving = new SlotGrid(1_800, from, HOUR, 0, 0);

    assertThat(moving.nextSlotAfter(from - 2 * HOUR + 60, HOUR)).hasValue(from - HOUR);
    // the previous grid's last slot has begun: its next hour-long slot would cross into the new
    // grid, whose slots are half an hour long
    assertThat(moving.nextSlotAfter(from - 60, HOUR)).isEmpty();
    assertThat(moving.nextSlotAfter(from - 60, 1_800)).hasValue(from);
    assertThat(moving.nextSlotAfter(from - 2 * HOUR, 1_800))
        .as("the new grid starts later")
        .hasValue(from);
  }

  @Test
  void aLengthNeitherGridUsesHasNoNextSlot() {
    assertThat(new SlotGrid(900, 0, 0, 0, 0).nextSlotAfter(1_800_000_000L, HOUR)).isEmpty();
  }
}

package org.spectrumledger.operator.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloEvaluationTest {

  private static final SimulationConfig PAPER =
      SimulationConfig.paper(SensingMode.ALL, TieRule.ACCESS).withIntervals(2_000);

  @Test
  void theSameSeedGivesTheSameResultsInParallelAndInSequence() {
    List<Integer> nodes = List.of(1, 4, 7, 10);

    var parallel = MonteCarloEvaluation.sweep(PAPER, List.of(0.15, 0.7), nodes, 42, true, null);
    var sequential = MonteCarloEvaluation.sweep(PAPER, List.of(0.15, 0.7), nodes, 42, false, null);

    assertThat(parallel).isEqualTo(sequential);
  }

  @Test
  void aResultDependsOnlyOnTheSeedTheLoadAndE() {
    NodeResult alone = MonteCarloEvaluation.run(PAPER, 0.4, 6, 3);
    NodeResult inSweep =
        MonteCarloEvaluation.sweep(PAPER, List.of(0.15, 0.4), List.of(2, 6, 9), 3, true, null)
            .get(1)
            .at(6)
            .orElseThrow();
    NodeResult otherSeed = MonteCarloEvaluation.run(PAPER, 0.4, 6, 4);

    assertThat(inSweep).isEqualTo(alone);
    assertThat(otherSeed).isNotEqualTo(alone);
  }

  @Test
  void theModeAndTieRuleShareTheChannelAndBaselineDraws() {
    NodeResult all = MonteCarloEvaluation.run(PAPER, 0.4, 5, 9);
    NodeResult dedicated =
        MonteCarloEvaluation.run(PAPER.withMode(SensingMode.DEDICATED), 0.4, 5, 9);

    assertThat(dedicated.coop()).isEqualTo(all.coop());
    assertThat(dedicated.perInterval().singleInterference())
        .isEqualTo(all.perInterval().singleInterference());
  }

  /**
   * Each interval sees the steady state, so memory cannot move the expected gains; and because the
   * configurations are compared on the same intervals, a run of busy intervals lowers every
   * configuration's counts together and cancels in the ratios, so the intervals barely widen.
   */
  @Test
  void channelMemoryLeavesTheGainsAndBarelyWidensTheirIntervals() {
    SimulationConfig memoryless = PAPER.withMode(SensingMode.DEDICATED).withIntervals(20_000);
    SimulationConfig sticky = memoryless.withPuMemory(0.95).withConfidence(1 - 0.05 / 16);
    for (int e : new int[] {2, 5, 8, 11}) {
      NodeResult exact = ClosedFormGains.at(memoryless, 0.4, e);
      NodeResult free = MonteCarloEvaluation.run(memoryless, 0.4, e, 5);
      NodeResult held = MonteCarloEvaluation.run(sticky, 0.4, e, 5);

      assertThat(held.isss().interference().covers(exact.isss().interference().value())).isTrue();
      assertThat(held.isss().utilisation().covers(exact.isss().utilisation().value())).isTrue();
      assertThat(held.coop().interference().covers(exact.coop().interference().value())).isTrue();
      assertThat(held.coop().utilisation().covers(exact.coop().utilisation().value())).isTrue();
      // at the same level the batched intervals stay within a factor 2 of the memoryless ones
      double ratio =
          held.isss().utilisation().halfWidth()
              / Normal.twoSidedZ(1 - 0.05 / 16)
              / (free.isss().utilisation().halfWidth() / Normal.twoSidedZ(0.95));
      assertThat(ratio).isBetween(0.5, 2.0);
    }
  }

  @Test
  void aBandsStateFollowsTheBirthDeathChainItsMemoryAndSteadyState() {
    BirthDeathChannel ch = BirthDeathChannel.ofSteadyState(0.3, 2.0);
    double m = ch.memory(0.5);
    boolean[] busy = new boolean[1];
    SplittableRandom random = new SplittableRandom(1);
    int n = 200_000;
    int busyCount = 0;
    int both = 0;
    boolean previous = false;
    for (int t = 0; t < n; t++) {
      BirthDeathChannel.advance(busy, ch.pBusy(), m, t == 0, random);
      busyCount += busy[0] ? 1 : 0;
      both += busy[0] && previous ? 1 : 0;
      previous = busy[0];
    }

    assertThat(ch.alpha()).isCloseTo(0.6, within(1e-12));
    assertThat(m).isCloseTo(Math.exp(-1), within(1e-12));
    assertThat(busyCount / (double) n).isCloseTo(0.3, within(0.01));
    // P(busy, busy) = P_busy · (P_busy + (1 - P_busy) m)
    assertThat(both / (double) n).isCloseTo(0.3 * ch.pBusyAfter(true, 0.5), within(0.01));
    assertThat(ch.pBusyAfter(false, 1e9)).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void anInterferenceNeverSeenGetsTheExactZeroCountBound() {
    PairedRatio r = new PairedRatio();
    for (int i = 0; i < 1_000; i++) {
      r.add(0, 2);
    }

    Gain g = r.reduction(0.95);

    assertThat(g.value()).isEqualTo(100);
    assertThat(g.low()).isCloseTo(100 * (1 - Math.log(40) / 2_000), within(1e-9));
  }

  @Test
  void theNormalQuantileMatchesTables() {
    assertThat(Normal.twoSidedZ(0.95)).isCloseTo(1.959963985, within(1e-8));
    assertThat(Normal.quantile(0.001)).isCloseTo(-3.090232306, within(1e-8));
    assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-12));
  }

  @Test
  void rejectsALoadOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> MonteCarloEvaluation.run(PAPER, 1.0, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P_busy");
  }
}

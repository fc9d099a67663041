package org.spectrumledger.operator.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Monte Carlo evaluation (Algorithm 2, per-node Bernoulli observations, the controller's
 * allocation) against the binomial closed form, in both sensing modes and both tie rules, over the
 * paper's three regimes and E = 1..12 at N = 10,000.
 *
 * <p>Each case makes 144 comparisons (3 regimes × 12 E × G_I and G_U of ISSS and cooperative). At a
 * fixed 95 % some would miss by chance, so two checks: every closed-form value lies inside the
 * simulation's Bonferroni-widened interval (family-wise 95 %), and at least 89 % lie inside the
 * plain 95 % intervals (expected 95 %; the bound allows three standard deviations of the miss
 * count). A tie rule or a mode simulated differently from the formula moves gains by tens of
 * points, far outside either.
 */
class SimulationAgreesWithClosedFormTest {

  private static final List<Double> REGIMES = List.of(0.15, 0.40, 0.70);
  private static final List<Integer> NODES = IntStream.rangeClosed(1, 12).boxed().toList();
  private static final int COMPARISONS = REGIMES.size() * NODES.size() * 4;

  static List<Arguments> modesAndTies() {
    List<Arguments> out = new ArrayList<>();
    for (SensingMode m : SensingMode.values()) {
      for (TieRule t : TieRule.values()) {
        out.add(Arguments.of(m, t));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "mode {0}, tie {1}")
  @MethodSource("modesAndTies")
  void simulationAndClosedFormAgreeWithinTheConfidenceIntervals(SensingMode mode, TieRule tie) {
    SimulationConfig config = SimulationConfig.paper(mode, tie);
    double familyWise = 1 - 0.05 / COMPARISONS;

    List<String> outside = misses(config.withConfidence(familyWise), 11);
    List<String> outside95 = misses(config, 11);

    assertThat(outside).as("outside the family-wise 95%% intervals").isEmpty();
    assertThat(outside95.size())
        .as("outside the plain 95%% intervals: %s", outside95)
        .isLessThanOrEqualTo((int) (COMPARISONS * 0.11));
  }

  @ParameterizedTest(name = "mode {0}, tie {1}")
  @MethodSource("modesAndTies")
  void weightedServicesFewerThanBandsAndUnevenCostsStillAgree(SensingMode mode, TieRule tie) {
    SimulationConfig config =
        SimulationConfig.paper(mode, tie)
            .withServices(new double[] {3, 1, 2, 0.5, 1})
            .withCosts(new double[] {1, 4, 2, 2, 0.5, 3, 1, 1, 5, 0.1})
            .withConfidence(1 - 0.05 / (2.0 * NODES.size() * 4));

    assertThat(misses(config, 5, 0.40)).isEmpty();
  }

  private static List<String> misses(SimulationConfig config, long seed) {
    return misses(config, seed, REGIMES.toArray(Double[]::new));
  }

  private static List<String> misses(SimulationConfig config, long seed, Double... regimes) {
    List<String> out = new ArrayList<>();
    for (RegimeResult r :
        MonteCarloEvaluation.sweep(config, List.of(regimes), NODES, seed, true, null)) {
      for (NodeResult sim : r.nodes()) {
        NodeResult exact = ClosedFormGains.at(config, r.pBusy(), sim.nodes());
        check(
            out,
            r.pBusy(),
            sim.nodes(),
            "ISSS G_I",
            sim.isss().interference(),
            exact.isss().interference());
        check(
            out,
            r.pBusy(),
            sim.nodes(),
            "ISSS G_U",
            sim.isss().utilisation(),
            exact.isss().utilisation());
        check(
            out,
            r.pBusy(),
            sim.nodes(),
            "coop G_I",
            sim.coop().interference(),
            exact.coop().interference());
        check(
            out,
            r.pBusy(),
            sim.nodes(),
            "coop G_U",
            sim.coop().utilisation(),
            exact.coop().utilisation());
        assertThat(sim.isss().scheduling()).isEqualTo(exact.isss().scheduling());
      }
    }
    return out;
  }

  private static void check(List<String> out, double p, int e, String what, Gain sim, Gain exact) {
    if (!sim.covers(exact.value())) {
      out.add(
          String.format(
              "P_busy %.2f E %d %s: %.3f not in [%.3f, %.3f]",
              p, e, what, exact.value(), sim.low(), sim.high()));
    }
  }
}

package org.spectrumledger.operator.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClosedFormGainsTest {

  @Test
  void binomialTailsMatchKnownValues() {
    assertThat(Binomial.atLeast(10, 5, 0.65)).isCloseTo(0.9050659198, within(1e-9));
    assertThat(Binomial.atLeast(10, 6, 0.65)).isCloseTo(0.7514955091, within(1e-9));
    assertThat(Binomial.atLeast(10, 5, 0.15)).isCloseTo(0.0098740910, within(1e-9));
    assertThat(Binomial.atLeast(1000, 500, 0.5)).isCloseTo(0.5126125091, within(1e-9));
    assertThat(Binomial.atLeast(12, 3, 0.2)).isCloseTo(0.4416542515, within(1e-9));
    assertThat(Binomial.atLeast(5, 0, 0.3)).isEqualTo(1);
    assertThat(Binomial.atLeast(5, 6, 0.3)).isEqualTo(0);
  }

  @Test
  void theInterchangeabilityFactorIsZeroAtOneNodeAndSaturates() {
    InterchangeabilityModel m = InterchangeabilityModel.PAPER;
    DetectionModel single = DetectionModel.PAPER_SINGLE_NODE;

    assertThat(m.improve(single, 1, 0.4)).isEqualTo(single);
    DetectionModel ten = m.improve(single, 10, 0.4);
    assertThat(ten.pD()).isCloseTo(0.900856214, within(1e-9));
    assertThat(ten.pF()).isCloseTo(0.036354533, within(1e-9));
    DetectionModel many = m.improve(single, 1_000, 0);
    assertThat(many.pD()).isCloseTo(0.95, within(1e-12));
    assertThat(many.pF()).isCloseTo(0.02, within(1e-12));
    InterchangeabilityModel wide = new InterchangeabilityModel(1, 1, 0, 0, 0, 0.99, 0.01);
    assertThat(wide.improve(single, 1_000, 0.4)).isEqualTo(new DetectionModel(0.99, 0.01));
  }

  @ParameterizedTest
  @EnumSource(TieRule.class)
  void atOneNodeIsssSensesExactlyLikeTheSingleNode(TieRule tie) {
    for (SensingMode mode : SensingMode.values()) {
      NodeResult r = ClosedFormGains.at(SimulationConfig.paper(mode, tie), 0.40, 1);

      assertThat(r.isss().interference().value()).isZero();
      assertThat(r.isss().utilisation().value()).isZero();
      assertThat(r.isss().scheduling().value()).isZero();
    }
  }

  @Test
  void withDedicatedNodesTheGainsAreTheImprovedProbabilitiesOverTheSingleNodes() {
    NodeResult r =
        ClosedFormGains.at(SimulationConfig.paper(SensingMode.DEDICATED, TieRule.ACCESS), 0.40, 10);

    assertThat(r.isss().interference().value())
        .isCloseTo(100 * (1 - 0.036354533 / 0.15), within(1e-6));
    assertThat(r.isss().utilisation().value())
        .isCloseTo(100 * (0.900856214 / 0.65 - 1), within(1e-6));
    assertThat(r.isss().scheduling().value()).isCloseTo(65.405684, within(1e-6));
  }

  @Test
  void cooperativeGainsDoNotDependOnTheLoad() {
    SimulationConfig c = SimulationConfig.paper(SensingMode.ALL, TieRule.ACCESS);
    for (int e : new int[] {2, 5, 10}) {
      NodeResult low = ClosedFormGains.at(c, 0.15, e);
      NodeResult high = ClosedFormGains.at(c, 0.70, e);

      assertThat(low.coop().interference().value())
          .isCloseTo(high.coop().interference().value(), within(1e-9));
      assertThat(low.coop().utilisation().value())
          .isCloseTo(high.coop().utilisation().value(), within(1e-9));
    }
    // E = 10 with ties to access: 1 - P(Bin(10, .15) >= 5)/.15 and P(Bin(10, .65) >= 5)/.65 - 1
    NodeResult ten = ClosedFormGains.at(c, 0.40, 10);
    assertThat(ten.coop().interference().value())
        .isCloseTo(100 * (1 - 0.0098740910 / 0.15), within(1e-6));
    assertThat(ten.coop().utilisation().value())
        .isCloseTo(100 * (0.9050659198 / 0.65 - 1), within(1e-6));
  }

  @Test
  void aTiedVoteThatGrantsAccessMakesTwoNodesWorseThanOne() {
    NodeResult access =
        ClosedFormGains.at(SimulationConfig.paper(SensingMode.ALL, TieRule.ACCESS), 0.40, 2);
    NodeResult deny =
        ClosedFormGains.at(SimulationConfig.paper(SensingMode.ALL, TieRule.DENY), 0.40, 2);

    // access if either node says idle: P_f = 1 - 0.85^2 = 0.2775
    assertThat(access.coop().interference().value()).isCloseTo(-85, within(1e-9));
    // access only if both say idle: P_f = 0.0225
    assertThat(deny.coop().interference().value()).isCloseTo(85, within(1e-9));
  }

  @Test
  void theSchedulingGainFollowsTheOverheadModel() {
    SimulationConfig paper = SimulationConfig.paper(SensingMode.DEDICATED, TieRule.ACCESS);

    assertThat(ClosedFormGains.at(paper, 0.4, 12).isss().scheduling().value())
        .isCloseTo(100 * (1 - Math.log(13) / Math.log(2) / 12), within(1e-9));
    assertThat(
            ClosedFormGains.at(paper.withOverhead(OverheadModel.COUNT), 0.4, 10)
                .isss()
                .scheduling()
                .value())
        .isCloseTo(90, within(1e-9));
    assertThat(
            ClosedFormGains.at(
                    paper.withOverhead(OverheadModel.COUNT).withMode(SensingMode.ALL), 0.4, 10)
                .isss()
                .scheduling()
                .value())
        .isZero();
  }

  @Test
  void withFewerServicesThanBandsOnlyTheServedBandsCount() {
    // one service, one band per interval at most: E[I] = P(busy | found idle) · P(K >= 1)
    SimulationConfig one =
        SimulationConfig.paper(SensingMode.DEDICATED, TieRule.ACCESS)
            .withServices(new double[] {1});
    NodeResult r = ClosedFormGains.at(one, 0.4, 1);
    double q = 0.6 * 0.65 + 0.4 * 0.15;
    double found = 1 - Math.pow(1 - q, 10);

    assertThat(r.perInterval().singleInterference())
        .isCloseTo(0.4 * 0.15 / q * found, within(1e-12));
    assertThat(r.perInterval().singleUtility()).isCloseTo(0.6 * 0.65 / q * found, within(1e-12));
  }
}

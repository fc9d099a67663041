package org.spectrumledger.operator.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PricingTest {

  @Test
  void linearPriceIsCoefficientTimesTraffic() {
    assertThat(LinearPricing.paper().price(24))
        .isCloseTo(2.4, org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(() -> LinearPricing.paper().price(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equilibriumLeavesNoProfitableUnilateralDeviation() {
    NashPricing.Equilibrium eq = new NashPricing(NashPricing.Parameters.paper()).solve();
    assertThat(eq.maxDeviationGain()).isLessThan(1e-3);
    assertThat(eq.iterations()).isLessThan(1000);
  }

  @Test
  void hapEarnsMostAndProfitRisesWithUsers() {
    NashPricing.Parameters p = NashPricing.Parameters.paper();
    double[] t = new NashPricing(p).solve().totalProfit();
    assertThat(t[2]).isGreaterThan(t[1]);
    assertThat(t[1]).isGreaterThan(t[0]);
    double[] more = new NashPricing(p.withUserScale(1.5)).solve().totalProfit();
    for (int i = 0; i < 3; i++) {
      assertThat(more[i]).isGreaterThan(t[i]);
    }
  }

  @Test
  void derivedOwnPriceCoefficientsMatchThePrintedOnes() {
    // M⁻¹'s diagonal with |β| reproduces the paper's μ = 0.02, 0.015, 0.011 (per user)
    NashPricing.Parameters p = NashPricing.Parameters.paper();
    NashPricing pricing = new NashPricing(p);
    // area 3 is served by all three providers: the full 3 × 3 inverse
    double[] mu = pricing.ownPriceCoefficients(2);
    assertThat(mu[0]).isCloseTo(0.02, org.assertj.core.data.Offset.offset(0.0005));
    assertThat(mu[1]).isCloseTo(0.015, org.assertj.core.data.Offset.offset(0.0005));
    assertThat(mu[2]).isCloseTo(0.011, org.assertj.core.data.Offset.offset(0.0005));
    // area 1 is served by H alone: μ_H = 1/|β_H|, and its price is the monopoly price of a linear
    // demand
    double[] alone = pricing.ownPriceCoefficients(0);
    assertThat(alone[0]).isNaN();
    assertThat(alone[1]).isNaN();
    assertThat(alone[2]).isCloseTo(1 / 91.44, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(pricing.solve().price()[2][0]).isGreaterThan(0.5 * 1300 / 2);
  }
}

package org.spectrumledger.operator.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectrumEstimatorTest {

  @Test
  void addsTheErrorQuantileAndComparesWithTheLicence() {
    SpectrumEstimator e = new SpectrumEstimator(24, 0.9, 10);
    for (int i = 0; i < 10; i++) {
      e.observe(20 + i * 0.1, 20); // errors 0.0 … 0.9
    }
    SpectrumEstimator.Estimate est = e.estimate(25);
    assertThat(est.margin()).isCloseTo(0.81, within(1e-9));
    assertThat(est.required()).isCloseTo(25.81, within(1e-9));
    assertThat(est.toBuy()).isCloseTo(1.81, within(1e-9));
    assertThat(est.toSell()).isZero();
    assertThat(e.estimate(20).toSell()).isCloseTo(24 - 20.81, within(1e-9));
  }

  @Test
  void forgetsErrorsOutsideItsWindow() {
    SpectrumEstimator e = new SpectrumEstimator(24, 0.5, 2);
    e.observe(30, 20);
    e.observe(21, 20);
    e.observe(21, 20);
    assertThat(e.margin()).isEqualTo(1);
  }
}

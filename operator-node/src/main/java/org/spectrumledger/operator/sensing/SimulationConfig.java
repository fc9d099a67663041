package org.spectrumledger.operator.sensing;

import java.util.Arrays;

/**
 * Everything Algorithm 2 (the Monte Carlo evaluation) is run with, apart from P_busy, E and the
 * seed. Every ambiguity of the paper is a field here.
 *
 * @param weights service weights w_u (|U| of them)
 * @param lambda sensing cost weight λ
 * @param costs sensing cost c_b of each band (|B| of them); only the ranking and the objective use
 *     them, so uniform costs leave every gain unchanged
 * @param single the single node's P_d,s and P_f,s (also every cooperative node's)
 * @param interchange the ISSS detection improvement with E
 * @param mode ISSS sensing: every node every band, or one dedicated node per band
 * @param tie what a tied vote at even E decides (ISSS and cooperative alike)
 * @param overhead how O_ISSS is counted (G_S)
 * @param puMemory correlation of a band's state between successive intervals, exp(−(α+β)Δt), in [0,
 *     1); 0 draws every interval afresh from the steady state, as Algorithm 2 does
 * @param intervals N_MC control intervals per (P_busy, E)
 * @param confidence the confidence level of the intervals (0.95)
 */
public record SimulationConfig(
    double[] weights,
    double lambda,
    double[] costs,
    DetectionModel single,
    InterchangeabilityModel interchange,
    SensingMode mode,
    TieRule tie,
    OverheadModel overhead,
    double puMemory,
    int intervals,
    double confidence) {

  /** Intervals are grouped into this many batches when the channel has memory. */
  static final int BATCHES = 100;

  public SimulationConfig {
    if (weights == null || weights.length == 0 || costs == null || costs.length == 0) {
      throw new IllegalArgumentException("a simulation needs at least one service and one band");
    }
    weights = weights.clone();
    costs = costs.clone();
    if (single == null || interchange == null || mode == null || tie == null || overhead == null) {
      throw new IllegalArgumentException("detection, mode, tie rule and overhead must be given");
    }
    if (!(puMemory >= 0 && puMemory < 1)) {
      throw new IllegalArgumentException("primary-user memory must lie in [0, 1): " + puMemory);
    }
    if (intervals < 2) {
      throw new IllegalArgumentException("at least 2 control intervals are needed: " + intervals);
    }
    if (puMemory > 0 && intervals < 2 * BATCHES) {
      throw new IllegalArgumentException(
          "with primary-user memory the intervals are batched; use at least " + 2 * BATCHES);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1): " + confidence);
    }
    // the controller validates weights and λ
    controllerConfig(weights, lambda, mode, tie, overhead);
  }

  /**
   * Table 2 of the paper: |B| = |U| = 10, w_u = 1, λ = 0.5, c_b = 1, P_d,s = 0.65, P_f,s = 0.15, τ
   * = 3, P_d,max = 0.95, P_f,min = 0.02, ξ_d = 0.30, ξ_f = 0.20, N_MC = 10,000, independent draws,
   * the paper's log2 overhead, 95 % intervals.
   */
  public static SimulationConfig paper(SensingMode mode, TieRule tie) {
    return new SimulationConfig(
        filled(10, 1.0),
        0.5,
        filled(10, 1.0),
        DetectionModel.PAPER_SINGLE_NODE,
        InterchangeabilityModel.PAPER,
        mode,
        tie,
        OverheadModel.LOG2,
        0,
        10_000,
        0.95);
  }

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  public int bands() {
    return costs.length;
  }

  public int services() {
    return weights.length;
  }

  public ControllerConfig controller() {
    return controllerConfig(weights, lambda, mode, tie, overhead);
  }

  private static ControllerConfig controllerConfig(
      double[] w, double lambda, SensingMode mode, TieRule tie, OverheadModel overhead) {
    return new ControllerConfig(w, lambda, mode, tie, overhead, PriorityConstraint.ORDER);
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public double[] costs() {
    return costs.clone();
  }

  double weight(int u) {
    return weights[u];
  }

  double[] costsView() {
    return costs;
  }

  public SimulationConfig withIntervals(int n) {
    return new SimulationConfig(
        weights, lambda, costs, single, interchange, mode, tie, overhead, puMemory, n, confidence);
  }

  public SimulationConfig withMode(SensingMode m) {
    return new SimulationConfig(
        weights,
        lambda,
        costs,
        single,
        interchange,
        m,
        tie,
        overhead,
        puMemory,
        intervals,
        confidence);
  }

  public SimulationConfig withTie(TieRule t) {
    return new SimulationConfig(
        weights,
        lambda,
        costs,
        single,
        interchange,
        mode,
        t,
        overhead,
        puMemory,
        intervals,
        confidence);
  }

  public SimulationConfig withOverhead(OverheadModel o) {
    return new SimulationConfig(
        weights, lambda, costs, single, interchange, mode, tie, o, puMemory, intervals, confidence);
  }

  public SimulationConfig withPuMemory(double m) {
    return new SimulationConfig(
        weights, lambda, costs, single, interchange, mode, tie, overhead, m, intervals, confidence);
  }

  public SimulationConfig withConfidence(double level) {
    return new SimulationConfig(
        weights,
        lambda,
        costs,
        single,
        interchange,
        mode,
        tie,
        overhead,
        puMemory,
        intervals,
        level);
  }

  public SimulationConfig withServices(double[] w) {
    return new SimulationConfig(
        w,
        lambda,
        costs,
        single,
        interchange,
        mode,
        tie,
        overhead,
        puMemory,
        intervals,
        confidence);
  }

  public SimulationConfig withCosts(double[] c) {
    return new SimulationConfig(
        weights,
        lambda,
        c,
        single,
        interchange,
        mode,
        tie,
        overhead,
        puMemory,
        intervals,
        confidence);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimulationConfig s
        && Arrays.equals(weights, s.weights)
        && Arrays.equals(costs, s.costs)
        && Double.compare(lambda, s.lambda) == 0
        && single.equals(s.single)
        && interchange.equals(s.interchange)
        && mode == s.mode
        && tie == s.tie
        && overhead == s.overhead
        && Double.compare(puMemory, s.puMemory) == 0
        && intervals == s.intervals
        && Double.compare(confidence, s.confidence) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + Arrays.hashCode(costs) + intervals;
  }

  @Override
  public String toString() {
    return "SimulationConfig[|B|="
        + bands()
        + ", |U|="
        + services()
        + ", mode="
        + mode.label()
        + ", tie="
        + tie.label()
        + ", overhead="
        + overhead.label()
        + ", memory="
        + puMemory
        + ", N="
        + intervals
        + "]";
  }
}

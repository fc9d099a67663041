package org.spectrumledger.operator.sensing;

import java.util.Arrays;

/**
 * What the ISSS edge controller is set up with.
 *
 * @param weights service weights w_u (|U| of them), finite and not negative; higher is served first
 * @param lambda sensing cost weight λ of the joint objective, not negative
 * @param mode which nodes sense which bands
 * @param tie what a tied vote decides
 * @param overhead how the sensing overhead is counted
 * @param priority how constraint C3 is read
 */
public record ControllerConfig(
    double[] weights,
    double lambda,
    SensingMode mode,
    TieRule tie,
    OverheadModel overhead,
    PriorityConstraint priority) {

  public ControllerConfig {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("the controller needs at least one service weight");
    }
    weights = weights.clone();
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("service weights must be finite and >= 0: " + w);
      }
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("the sensing cost weight must be finite and >= 0");
    }
    if (mode == null || tie == null || overhead == null || priority == null) {
      throw new IllegalArgumentException("mode, tie rule, overhead and priority must be given");
    }
  }

  /** The paper's setting: |U| services of weight 1, λ = 0.5, ties access, log2 overhead. */
  public static ControllerConfig paper(int services, SensingMode mode) {
    double[] w = new double[services];
    Arrays.fill(w, 1.0);
    return new ControllerConfig(
        w, 0.5, mode, TieRule.ACCESS, OverheadModel.LOG2, PriorityConstraint.ORDER);
  }

  /** Number of services |U|. */
  public int services() {
    return weights.length;
  }

  /** w_u. */
  public double weight(int service) {
    return weights[service];
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControllerConfig c
        && Arrays.equals(weights, c.weights)
        && Double.compare(lambda, c.lambda) == 0
        && mode == c.mode
        && tie == c.tie
        && overhead == c.overhead
        && priority == c.priority;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights)
        + java.util.Objects.hash(lambda, mode, tie, overhead, priority);
  }

  @Override
  public String toString() {
    return "ControllerConfig[services="
        + weights.length
        + ", lambda="
        + lambda
        + ", mode="
        + mode.label()
        + ", tie="
        + tie.label()
        + ", overhead="
        + overhead.label()
        + ", priority="
        + priority
        + "]";
  }
}

package org.spectrumledger.operator.sensing;

/**
 * The ISSS paper's "interchangeability-enhanced" detection (Algorithm 2): with E nodes the
 * per-observation probabilities move from the single node's towards a ceiling and a floor,
 * saturating exponentially in E and compressed by the primary-user load:
 *
 * <pre>
 * factor = 1 − exp(−(E − 1)/τ)
 * P_d,i  = min(capD,  P_d,s + (P_d,max − P_d,s)·factor·(1 − ξ_d·P_busy))
 * P_f,i  = max(floorF, P_f,s − (P_f,s − P_f,min)·factor·(1 − ξ_f·P_busy))
 * </pre>
 *
 * <p>This is an assumption of the paper, not a consequence of its sensing model: nothing in the
 * channel or the fusion makes an observation better because other nodes exist. At E = 1 the factor
 * is 0, so ISSS senses exactly like the single node.
 *
 * @param tau saturation constant τ (nodes), positive
 * @param pDMax asymptotic P_d ceiling
 * @param pFMin asymptotic P_f floor
 * @param xiD load factor ξ_d on detection
 * @param xiF load factor ξ_f on false alarms
 * @param capD hard cap on P_d,i (the paper's 0.99)
 * @param floorF hard floor on P_f,i (the paper's 0.01)
 */
public record InterchangeabilityModel(
    double tau, double pDMax, double pFMin, double xiD, double xiF, double capD, double floorF) {

  /** Table 2: τ = 3, P_d,max = 0.95, P_f,min = 0.02, ξ_d = 0.30, ξ_f = 0.20; caps 0.99 and 0.01. */
  public static final InterchangeabilityModel PAPER =
      new InterchangeabilityModel(3, 0.95, 0.02, 0.30, 0.20, 0.99, 0.01);

  public InterchangeabilityModel {
    if (!(tau > 0)) {
      throw new IllegalArgumentException("the saturation constant tau must be positive: " + tau);
    }
    for (double p : new double[] {pDMax, pFMin, xiD, xiF, capD, floorF}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException(
            "ceilings, floors and load factors must lie in [0, 1]: " + p);
      }
    }
  }

  /** The saturation factor 1 − exp(−(E − 1)/τ) for {@code nodes} = E ≥ 1. */
  public double factor(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("there must be at least one node: " + nodes);
    }
    return 1 - Math.exp(-(nodes - 1) / tau);
  }

  /**
   * The per-observation probabilities of an ISSS node among {@code nodes}, at load {@code pBusy}.
   */
  public DetectionModel improve(DetectionModel single, int nodes, double pBusy) {
    double f = factor(nodes);
    double pD = single.pD() + (pDMax - single.pD()) * f * (1 - xiD * pBusy);
    double pF = single.pF() - (single.pF() - pFMin) * f * (1 - xiF * pBusy);
    return new DetectionModel(Math.min(capD, pD), Math.max(floorF, pF));
  }
}

package org.spectrumledger.operator.sensing;

/**
 * How one node's observation of one band comes out, in the convention of the ISSS paper's Algorithm
 * 2: an observation says "idle" (the band may be accessed) with probability {@code pD} when the
 * band is idle and {@code pF} when it is busy. So {@code pD} is the chance of seeing a real
 * opportunity and {@code pF} the chance of a busy band looking free, which turns into interference
 * once it is accessed. (Textbook cognitive-radio usage names the detection of the primary user
 * instead; the paper's gains follow from this convention, so the project keeps it.)
 *
 * @param pD probability that an idle band is observed idle
 * @param pF probability that a busy band is observed idle
 */
public record DetectionModel(double pD, double pF) {

  /** The paper's degraded single node: P_d,s = 0.65, P_f,s = 0.15 (Table 2). */
  public static final DetectionModel PAPER_SINGLE_NODE = new DetectionModel(0.65, 0.15);

  public DetectionModel {
    if (!(pD >= 0 && pD <= 1) || !(pF >= 0 && pF <= 1)) {
      throw new IllegalArgumentException(
          "detection probabilities must lie in [0, 1]: P_d=" + pD + ", P_f=" + pF);
    }
  }

  /** Probability that one observation says idle, given the band's true state. */
  public double pIdleObserved(boolean busy) {
    return busy ? pF : pD;
  }
}

package org.spectrumledger.operator.sensing;

import java.util.SplittableRandom;

/**
 * The primary user of one band as a two-state birth–death process: an idle band turns busy at rate
 * {@code alpha} (a primary-user arrival, the birth) and a busy band turns idle at rate {@code beta}
 * (its departure, the death). Its steady state is {@code P_busy = alpha / (alpha + beta)}.
 *
 * <p>Seen at control intervals {@code dt} apart, the state is a two-state Markov chain whose memory
 * {@code m = exp(-(alpha + beta) dt)} is the correlation between successive states: {@code m = 0}
 * gives the independent steady-state draws of the paper's Algorithm 2.
 *
 * @param alpha idle → busy rate (per second), positive
 * @param beta busy → idle rate (per second), positive
 */
public record BirthDeathChannel(double alpha, double beta) {

  public BirthDeathChannel {
    if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException(
          "birth and death rates must be positive and finite: alpha=" + alpha + ", beta=" + beta);
    }
  }

  /** The channel with steady state {@code pBusy} whose rates sum to {@code rateSum}. */
  public static BirthDeathChannel ofSteadyState(double pBusy, double rateSum) {
    requireProbability(pBusy);
    if (!(rateSum > 0)) {
      throw new IllegalArgumentException("the rates must sum to a positive value: " + rateSum);
    }
    return new BirthDeathChannel(pBusy * rateSum, (1 - pBusy) * rateSum);
  }

  /** Steady-state probability that the band is busy: alpha / (alpha + beta). */
  public double pBusy() {
    return alpha / (alpha + beta);
  }

  /** Correlation between the states {@code dt} seconds apart: exp(-(alpha + beta) dt). */
  public double memory(double dt) {
    if (!(dt >= 0)) {
      throw new IllegalArgumentException("a time step must not be negative: " + dt);
    }
    return Math.exp(-(alpha + beta) * dt);
  }

  /** Probability that the band is busy {@code dt} seconds after being busy (or idle) now. */
  public double pBusyAfter(boolean busyNow, double dt) {
    return busyProbability(pBusy(), memory(dt), busyNow);
  }

  /**
   * The same, given the steady state and the memory: {@code P_busy + (1 - P_busy) m} after busy,
   * {@code P_busy (1 - m)} after idle.
   */
  static double busyProbability(double pBusy, double memory, boolean busyNow) {
    return busyNow ? pBusy + (1 - pBusy) * memory : pBusy * (1 - memory);
  }

  /**
   * Samples {@code busy.length} bands' next states in place: from the steady state when {@code
   * memory} is 0 (the paper's draw {@code a_b = 1 if U[0,1] > P_busy}), from the chain otherwise.
   * Hot path: no allocation.
   */
  static void advance(
      boolean[] busy, double pBusy, double memory, boolean first, SplittableRandom random) {
    for (int b = 0; b < busy.length; b++) {
      double p = first || memory == 0 ? pBusy : busyProbability(pBusy, memory, busy[b]);
      busy[b] = !(random.nextDouble() > p);
    }
  }

  static void requireProbability(double pBusy) {
    if (!(pBusy > 0 && pBusy < 1)) {
      throw new IllegalArgumentException("P_busy must lie strictly between 0 and 1: " + pBusy);
    }
  }
}

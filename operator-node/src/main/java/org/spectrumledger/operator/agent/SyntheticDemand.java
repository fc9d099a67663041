package org.spectrumledger.operator.agent;

import java.util.SplittableRandom;

/**
 * Seeded hourly demand with a controlled volatility, to test the agent away from the NIST series: a
 * level of 22 SRU (the NIST LTE mean), a daily cycle of ±3 SRU peaking mid-afternoon and an AR(1)
 * noise (ρ = 0.5) whose hour-to-hour moves have standard deviation {@code volatility} SRU, clamped
 * to [2, 46] SRU. With volatility 3 demand moves by more than 3 SRU in about a third of the hours,
 * as on the volatile cells of issue 18; with 0.5 almost never, as on NIST.
 *
 * @param hours the series' length
 * @param volatility the standard deviation of the noise's hour-to-hour move, SRU
 * @param seed the seed of the noise
 */
public record SyntheticDemand(int hours, double volatility, long seed) {

  /** The level, the daily amplitude and the noise's autocorrelation. */
  public static final double LEVEL = 22;

  public static final double DAILY = 3;
  public static final double RHO = 0.5;

  public SyntheticDemand {
    if (hours < 2 || !(volatility >= 0)) {
      throw new IllegalArgumentException("need hours >= 2 and volatility >= 0");
    }
  }

  /** The series, SRU per hour. */
  public double[] generate() {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 18);
    // innovation sd s: Var(e_t − e_{t−1}) = 2 s² / (1 + ρ) = volatility²
    double s = volatility * Math.sqrt((1 + RHO) / 2);
    double noise = s / Math.sqrt(1 - RHO * RHO) * gaussian(random);
    double[] d = new double[hours];
    for (int t = 0; t < hours; t++) {
      if (t > 0) {
        noise = RHO * noise + s * gaussian(random);
      }
      double daily = DAILY * Math.sin(2 * Math.PI * ((t % 24) - 9) / 24.0);
      d[t] = Math.max(2, Math.min(46, LEVEL + daily + noise));
    }
    return d;
  }

  private static double gaussian(SplittableRandom r) {
    // Box–Muller; one of the pair is enough here
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
